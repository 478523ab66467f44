package io.github.rethinkinggeneralization.model;

import java.util.Locale;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The oneDNN library the suite drives itself (JavaCPP's {@code org.bytedeco:dnnl} build, a copy of
 * its own beside the one linked into ND4J's native library): one CPU engine for the process, one
 * stream per thread (oneDNN streams are not thread-safe), and one scratch arena per thread for the
 * blocked-layout copies a primitive call needs while it runs. A network trains on one thread, and a
 * layer's call never runs another layer's, so the layers of a thread share its arena.
 */
final class OneDnnRuntime {
    /** oneDNN's preferred alignment of a memory's data. */
    private static final long ALIGNMENT = 64;

    private static final ThreadLocal<stream> STREAM = ThreadLocal.withInitial(() -> new stream(Engine.CPU));
    private static final ThreadLocal<Arena> ARENA = ThreadLocal.withInitial(Arena::new);

    private OneDnnRuntime() {
    }

    /** The process's CPU engine; loads the library on first use. */
    static engine engine() {
        return Engine.CPU;
    }

    /** This thread's stream on {@link #engine()}. */
    static stream stream() {
        return STREAM.get();
    }

    /**
     * The base address of at least {@code bytes} bytes of this thread's scratch memory, aligned to
     * 64 bytes, valid until this thread asks again.
     */
    static long scratch(long bytes) {
        return ARENA.get().reserve(bytes);
    }

    /** {@code bytes} rounded up to the alignment of the arena's slices. */
    static long aligned(long bytes) {
        return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Whether the library loads and has a CPU engine; false (once, with no retry) if it cannot. */
    static boolean available() {
        return Availability.AVAILABLE;
    }

    /** The library's version and the instruction set its kernels use: "oneDNN 2.5.2 (avx512_core)". */
    static String description() {
        dnnl_version_t v = dnnl.dnnl_version();
        return String.format(Locale.ROOT, "oneDNN %d.%d.%d (%s)", v.major(), v.minor(), v.patch(), dnnl.get_effective_cpu_isa());
    }

    /**
     * The address of element 0 of {@code a}, which must be a float array in plain row-major layout on
     * ND4J's CPU backend. ND4J's buffer address already counts the buffer's own offset into its
     * backing memory; an array's offset beyond that is added.
     */
    static long address(INDArray a) {
        return a.data().addressPointer().address() + (a.offset() - a.data().offset()) * a.data().getElementSize();
    }

    /** A JavaCPP pointer to {@code address}, owning nothing, for oneDNN's {@code set_data_handle}. */
    static Pointer pointer(long address) {
        return new Address(address);
    }

    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }

    /** Native scratch memory, grown (never shrunk) to the largest request of its thread. */
    private static final class Arena {
        private BytePointer memory;
        private long capacity;

        long reserve(long bytes) {
            if (memory == null || bytes > capacity) { // also a first call for 0 bytes (a call with no blocked copies)
                if (memory != null) {
                    memory.close();
                }
                capacity = Math.max(bytes, capacity + capacity / 2);
                memory = new BytePointer(capacity + ALIGNMENT);
            }
            long base = memory.address();
            return (base + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        }
    }

    private static final class Engine {
        static final engine CPU = new engine(engine.kind.cpu, 0);
    }

    private static final class Availability {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            try {
                return engine.get_count(engine.kind.cpu) > 0 && Engine.CPU != null;
            } catch (LinkageError | RuntimeException e) {
                return false;
            }
        }
    }
}
