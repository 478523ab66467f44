package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Arrays the training code made are freed at once; views, workspace arrays and nulls are left alone. */
class NativeMemoryTest {

    @Test
    void anOwnedArrayIsFreedAtOnce() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 5);
        NativeMemory.free(a);
        assertThat(a.wasClosed()).isTrue();
    }

    @Test
    void aViewIsLeftAndItsArrayStaysUsable() {
        INDArray a = Nd4j.linspace(1, 20, 20, DataType.FLOAT).reshape(4, 5);
        INDArray rows = a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        NativeMemory.free(rows);
        assertThat(rows.wasClosed()).isFalse();
        assertThat(a.getFloat(3, 4)).isEqualTo(20f);
    }

    @Test
    void nullsTwiceFreedArraysAndSharedBuffersAreSkipped() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 6);
        INDArray sameBuffer = a.reshape(3, 4);
        NativeMemory.free(null, a, a, sameBuffer, null);
        assertThat(a.wasClosed()).isTrue();
    }

    @Test
    void aWorkspaceArrayIsLeftToItsWorkspace() {
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, "NativeMemoryTest")) {
            INDArray inWorkspace = Nd4j.ones(DataType.FLOAT, 8);
            NativeMemory.free(inWorkspace);
            assertThat(inWorkspace.wasClosed()).isFalse();
            assertThat(inWorkspace.sumNumber().floatValue()).isEqualTo(8f);
        } finally {
            Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread("NativeMemoryTest"));
        }
    }
}
