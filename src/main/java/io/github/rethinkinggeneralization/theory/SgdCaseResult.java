package io.github.rethinkinggeneralization.theory;

/** SGD from zero and from a non-zero initialization on one problem, measured against X&#7488;α. */
public record SgdCaseResult(SgdCase sgdCase, String provenance, SgdTrajectory fromZero, SgdTrajectory fromInit) {
}
