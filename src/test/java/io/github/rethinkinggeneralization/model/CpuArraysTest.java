package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reading and writing ND4J arrays' values straight from and into their memory, views included. */
class CpuArraysTest {
    private static INDArray matrix() {
        return Nd4j.createFromArray(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}});
    }

    @Test
    void aRowViewIsReadAndWrittenInPlaceAndTheRestIsLeftAlone() {
        INDArray m = matrix();
        INDArray row = m.get(NDArrayIndex.point(1), NDArrayIndex.all());
        assertThat(CpuArrays.toFloats(row)).containsExactly(5f, 6f, 7f, 8f);
        CpuArrays.put(new float[] {-1f, -2f, -3f, -4f}, row);
        assertThat(m.toFloatMatrix()).isDeepEqualTo(new float[][] {{1, 2, 3, 4}, {-1, -2, -3, -4}, {9, 10, 11, 12}});
    }

    @Test
    void aStridedViewAndADoubleArrayGoThroughNd4j() {
        INDArray m = matrix();
        INDArray column = m.get(NDArrayIndex.all(), NDArrayIndex.point(2));
        assertThat(CpuArrays.toFloats(column)).containsExactly(3f, 7f, 11f);
        CpuArrays.put(new float[] {0f, 0f, 0f}, column);
        assertThat(m.getColumn(2).toFloatVector()).containsExactly(0f, 0f, 0f);
        assertThat(m.getColumn(1).toFloatVector()).containsExactly(2f, 6f, 10f);
        INDArray d = Nd4j.createFromArray(1.5, 2.5);
        assertThat(CpuArrays.toFloats(d)).containsExactly(1.5f, 2.5f);
        CpuArrays.put(new float[] {3f, 4f}, d);
        assertThat(d.toDoubleVector()).containsExactly(3.0, 4.0);
    }

    @Test
    void aWrongNumberOfValuesIsRefused() {
        assertThatThrownBy(() -> CpuArrays.put(new float[2], matrix())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12");
    }
}
