package org.nd4j.nativeblas;

/**
 * Compatibility shim for a packaging bug in DL4J 1.0.0-M2.1, so that its oneDNN layer helpers
 * (convolution, pooling, batch norm, LRN) can load on the CPU backend.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} asks, by reflection, for
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}. ND4J M2.1 moved that
 * class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and renamed the method
 * to {@code isUseONEDNN()}, so the check throws, is caught, and every helper is silently dropped:
 * convolutions then run as im2col + GEMM in Java, 5-6x slower here (README, Performance). This class
 * answers the old question with the new binding (by reflection, so the project also compiles against
 * the CUDA backend, where the check is never made). It holds no state and changes no behaviour beyond
 * letting the check succeed; with a native build without oneDNN the answer is false and DL4J keeps
 * its built-in layers. Used only by that check; see
 * {@code io.github.rethinkinggeneralization.model.OneDnnLayerHelpers}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The old name of ND4J's native environment, as DL4J M2.1's helper check looks it up. */
    public static final class Environment {
        private static final String REAL_ENVIRONMENT = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The single instance (the real environment is a native singleton too). */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded native build has oneDNN and uses it (ND4J's {@code isUseONEDNN()}). */
        public boolean isUseMKLDNN() {
            try {
                Class<?> real = Class.forName(REAL_ENVIRONMENT);
                Object environment = real.getMethod("getInstance").invoke(null);
                return (Boolean) real.getMethod("isUseONEDNN").invoke(environment);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false; // not the CPU backend, or a native build without the method
            }
        }
    }
}
