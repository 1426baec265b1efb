//! Scoring restored pages against gold (stub: being written).
