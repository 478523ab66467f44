package io.github.rethinkinggeneralization.model;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Java access to ND4J arrays' memory on its CPU backend, where an array's values are the process's
 * memory: the suite's CPU kernels ({@link LrnImageKernel}, {@link CpuBatchNormHelper}, {@link MaxPoolingKernel}) read and write
 * them in bulk instead of through one ND4J operation per pass.
 */
final class CpuArrays {
    private CpuArrays() {
    }

    /** Whether ND4J's backend is its CPU one (read once). */
    static boolean backendIsCpu() {
        return Backend.IS_CPU;
    }

    /** {@code a}, or a copy of it, in plain row-major layout: element i at {@link #floats floats(a)}[a.offset() + i]. */
    static INDArray contiguous(INDArray a) {
        return plain(a) ? a : a.dup('c');
    }

    /** Whether {@code a} is in plain row-major layout within its buffer, so {@link #contiguous} returns it as it is. */
    static boolean plain(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.offset() + a.length() <= a.data().length();
    }

    /**
     * The float memory of {@code a}'s buffer (from the buffer's start; add {@code a.offset()}). Its
     * absolute bulk {@code get} and {@code put} change no state, so threads may share it.
     */
    static FloatBuffer floats(INDArray a) {
        return a.data().asNioFloat();
    }

    /** {@code a}'s values in row-major order, read straight from its memory when it is a plain float array. */
    static float[] toFloats(INDArray a) {
        if (a.dataType() != DataType.FLOAT || !plain(a)) {
            return a.castTo(DataType.FLOAT).toFloatVector();
        }
        float[] values = new float[(int) a.length()];
        floats(a).get((int) a.offset(), values);
        return values;
    }

    /** Writes {@code values} into {@code a} in row-major order (straight into its memory when it is a plain float array). */
    static void put(float[] values, INDArray a) {
        if (a.length() != values.length) {
            throw new IllegalArgumentException("length " + a.length() + " array, " + values.length + " values");
        }
        if (a.dataType() != DataType.FLOAT || !plain(a)) {
            a.assign(Nd4j.createFromArray(values).reshape(a.shape()));
            return;
        }
        floats(a).put((int) a.offset(), values);
    }

    private static final class Backend {
        static final boolean IS_CPU = "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }
}
