//! Python bindings of banmian: `import banmian`.
//!
//! `banmian.restore(text, source=None)` restores one page and
//! `banmian.restore_many(texts, threads=None, sources=None)` restores many in
//! parallel (rayon) with the GIL released. Both return the `banmian/1` JSON
//! shape of the CLI as plain Python dicts and lists: the [`Page`] goes through
//! serde straight into Python objects (pythonize), so the two front ends can
//! not drift apart. The typed stubs are `banmian.pyi` beside Cargo.toml.

use banmian_core::Page;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;

/// Converts a page to the dicts and lists of its `banmian/1` JSON form.
fn to_python<'py>(py: Python<'py>, page: &Page) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, page)?)
}

/// Restores one page of extracted text into a `banmian/1` page dict.
///
/// `source` names where the text came from (a path or an id); it is copied
/// into the page's `source` field and defaults to "".
#[pyfunction]
#[pyo3(signature = (text, source = None))]
fn restore<'py>(
    py: Python<'py>,
    text: String,
    source: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let source = source.unwrap_or_default();
    let page = py.detach(|| banmian_core::restore(&text, &source));
    to_python(py, &page)
}

/// Restores many pages in parallel, returning the pages in input order.
///
/// The work runs on rayon's global pool (one thread per core, or
/// `RAYON_NUM_THREADS`), or on a pool of its own of `threads` threads when
/// given, with the GIL released. `sources` names the pages (same length as
/// `texts`); by default page `i` has source `str(i)`.
#[pyfunction]
#[pyo3(signature = (texts, threads = None, sources = None))]
fn restore_many<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    threads: Option<usize>,
    sources: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyList>> {
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let sources = match sources {
        Some(sources) if sources.len() != texts.len() => {
            return Err(PyValueError::new_err(format!(
                "sources has {} items but texts has {}",
                sources.len(),
                texts.len()
            )));
        }
        Some(sources) => sources,
        None => (0..texts.len()).map(|i| i.to_string()).collect(),
    };
    let pages = py.detach(|| restore_all(&texts, &sources, threads));
    let pages = pages
        .map_err(|err| PyValueError::new_err(format!("cannot start {threads:?} threads: {err}")))?;
    let objects = pages
        .iter()
        .map(|page| to_python(py, page))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, objects)
}

/// Restores `texts[i]` as `sources[i]` for every `i`, in parallel, in order.
fn restore_all(
    texts: &[String],
    sources: &[String],
    threads: Option<usize>,
) -> Result<Vec<Page>, rayon::ThreadPoolBuildError> {
    let work = || {
        texts
            .par_iter()
            .zip(sources.par_iter())
            .map(|(text, source)| banmian_core::restore(text, source))
            .collect::<Vec<Page>>()
    };
    match threads {
        Some(n) => Ok(rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("banmian-{i}"))
            .build()?
            .install(work)),
        None => Ok(work()),
    }
}

/// Restore the broken extracted text of Chinese newspaper pages into articles.
#[pymodule]
fn banmian(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA", banmian_core::SCHEMA)?;
    m.add_function(wrap_pyfunction!(restore, m)?)?;
    m.add_function(wrap_pyfunction!(restore_many, m)?)?;
    Ok(())
}
