//! Bad and unusual PDFs: each gives a clear error or a warning, never a panic.
//! The fixtures are made by `tests/fixtures/pdf/make.py` at the repository root.

use banmian_pdf::{restore_pdf, restore_pdf_with_password, PdfError};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text_of(page: &banmian::Page) -> String {
    let mut out = String::new();
    for a in &page.articles {
        out.extend(a.title.iter().cloned());
        out.extend(a.paragraphs.iter().cloned());
    }
    for b in &page.blocks {
        out.push_str(&b.text);
    }
    out
}

#[test]
fn a_good_file_reads() {
    let pages = restore_pdf(fixture("hello.pdf"), "hello.pdf", None).expect("readable");
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].page.source, "hello.pdf");
    assert!(
        text_of(&pages[0].page).contains("Hello banmian"),
        "{:?}",
        pages[0].page
    );
}

#[test]
fn pages_are_selected_and_named() {
    let pages = restore_pdf(fixture("two-pages.pdf"), "two.pdf", Some(&[2])).expect("readable");
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].number, 2);
    assert_eq!(pages[0].page.source, "two.pdf#2");
    assert!(text_of(&pages[0].page).contains("Second page"));
    let err = restore_pdf(fixture("two-pages.pdf"), "two.pdf", Some(&[3])).unwrap_err();
    assert_eq!(err, PdfError::PageRange { page: 3, count: 2 });
}

#[test]
fn empty_file_is_an_error() {
    let err = restore_pdf(fixture("empty.pdf"), "empty.pdf", None).unwrap_err();
    assert_eq!(err, PdfError::Empty);
    assert!(err.to_string().contains("empty file"));
}

#[test]
fn text_named_pdf_is_not_a_pdf() {
    let err = restore_pdf(fixture("not-a-pdf.pdf"), "x.pdf", None).unwrap_err();
    assert_eq!(err, PdfError::NotPdf);
    assert!(err.to_string().contains("not a PDF"));
}

#[test]
fn truncated_file_is_an_error() {
    let err = restore_pdf(fixture("truncated.pdf"), "t.pdf", None).unwrap_err();
    assert_eq!(err, PdfError::Damaged);
    assert!(err.to_string().contains("truncated"));
}

#[test]
fn truncated_tail_with_text_is_a_warning() {
    let mut bytes = fixture("hello.pdf");
    bytes.truncate(bytes.len() - 8); // the %%EOF marker is lost
    let pages = restore_pdf(bytes, "t.pdf", None).expect("the text is still there");
    assert!(pages[0].warnings.iter().any(|w| w.contains("truncated")));
}

#[test]
fn broken_xref_is_repaired_or_reported() {
    match restore_pdf(fixture("broken-xref.pdf"), "b.pdf", None) {
        Ok(pages) => assert!(text_of(&pages[0].page).contains("Hello")),
        Err(e) => assert_eq!(e, PdfError::Damaged),
    }
}

#[test]
fn empty_user_password_is_fine() {
    let pages = restore_pdf(fixture("encrypted-empty.pdf"), "e.pdf", None).expect("readable");
    assert!(text_of(&pages[0].page).contains("Hello banmian"));
}

#[test]
fn password_protected_file_is_a_clear_error() {
    let err = restore_pdf(fixture("encrypted.pdf"), "e.pdf", None).unwrap_err();
    assert!(matches!(err, PdfError::Encrypted(_)), "{err}");
    assert!(err.to_string().contains("password"));
    let pages = restore_pdf_with_password(fixture("encrypted.pdf"), "e.pdf", None, "secret")
        .expect("right password");
    assert!(text_of(&pages[0].page).contains("Hello banmian"));
}

#[test]
fn image_only_page_asks_for_ocr() {
    let err = restore_pdf(fixture("image-only.pdf"), "scan.pdf", None).unwrap_err();
    assert_eq!(err, PdfError::NoText);
    assert_eq!(err.to_string(), "no text layer: run OCR first");
}

#[test]
fn type3_glyph_names_map_and_unmapped_fonts_are_named() {
    let pages = restore_pdf(fixture("type3.pdf"), "t3.pdf", None).expect("readable");
    let page = &pages[0].page;
    // uni4E2D → 中; uni2F2F (a Kangxi radical) → 工, reported as normalised.
    assert!(text_of(page).contains("中工"), "{page:?}");
    assert!(page
        .dropped
        .iter()
        .any(|d| d.text == "\u{2f2f}" && d.reason == banmian::DropReason::Normalized));
    let w = pages[0].warnings.join("\n");
    assert!(
        w.contains("NoMap") && w.contains("no Unicode mapping"),
        "{w}"
    );
}
