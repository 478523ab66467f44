package io.github.rethinkinggeneralization.theory;

/**
 * A kernel matrix is singular or numerically singular, so K α = y has no unique solution that
 * double precision can represent; the message names the condition number.
 */
public final class SingularKernelException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final transient ConditionEstimate condition;

    public SingularKernelException(String message, ConditionEstimate condition) {
        super(message);
        this.condition = condition;
    }

    /** The conditioning that was found. */
    public ConditionEstimate condition() {
        return condition;
    }

    /** The (estimated) condition number; infinite when an eigenvalue is not positive. */
    public double conditionNumber() {
        return condition.conditionNumber();
    }
}
