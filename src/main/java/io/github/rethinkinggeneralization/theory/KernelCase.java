package io.github.rethinkinggeneralization.theory;

import java.util.Optional;

/** A kernel interpolation run of a claim, with the paper's figure for the same setting when there is one. */
public record KernelCase(KernelSpec spec, Optional<PaperReference> reference) {
}
