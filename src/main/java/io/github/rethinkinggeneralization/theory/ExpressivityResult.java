package io.github.rethinkinggeneralization.theory;

/**
 * What one run of Theorem 1's construction measured; errors are max |c(x_i) - y_i| over the whole
 * sample, with c evaluated by DL4J.
 *
 * @param spec                 the run
 * @param provenance           where the points came from
 * @param sampleSize           n as asked
 * @param distinctPoints       n after merging coinciding points with equal labels
 * @param dimension            d
 * @param freeParameters       free parameters counted on the DL4J network ({@link FreeParameters})
 * @param theoremParameters    2·distinctPoints + d, Theorem 1's count
 * @param dl4jStoredParameters numbers DL4J stores (n copies of a among them)
 * @param maxAbsError          largest fit error
 * @param tolerance            the derived double-precision tolerance ({@link FitTolerance})
 * @param toleranceIfFloat     the same bound in single precision
 * @param labelRange           max label - min label (the scale the tolerance is small against)
 * @param relativeSmallestGap  smallest projection gap over the projections' spread
 * @param maxAbsOutputWeight   largest |w_j| (grows as projections crowd together)
 * @param controlUnits         hidden units of the fewer-units control (0: not run)
 * @param controlMaxAbsError   the control's largest fit error (NaN when not run)
 * @param controlRmsError      the control's root-mean-square fit error (NaN when not run)
 * @param seconds              wall time of construction, DL4J evaluation and control
 */
public record ExpressivityResult(ExpressivitySpec spec, String provenance, int sampleSize, int distinctPoints, int dimension,
                                 long freeParameters, long theoremParameters, long dl4jStoredParameters,
                                 double maxAbsError, double tolerance, double toleranceIfFloat, double labelRange,
                                 double relativeSmallestGap, double maxAbsOutputWeight,
                                 int controlUnits, double controlMaxAbsError, double controlRmsError, double seconds) {

    /** Whether the fit is exact to the derived tolerance. */
    public boolean fitsExactly() {
        return maxAbsError <= tolerance;
    }
}
