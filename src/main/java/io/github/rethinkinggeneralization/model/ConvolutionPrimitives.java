package io.github.rethinkinggeneralization.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's three convolution primitives for one problem (forward, input gradient, weight and bias
 * gradients), created once and run on ND4J's float arrays in place: NCHW activations, DL4J's
 * {@code [out, in, kH, kW]} weights and a bias of {@code out} values.
 *
 * <p>What it does differently from DL4J's oneDNN helper, which runs ND4J's {@code conv2d} and
 * {@code conv2d_bp} ops (README, Performance): those create their primitives on every call and ask
 * for {@code convolution_auto}, for which oneDNN picks Winograd backward kernels that take 4-5x the
 * forward pass at small Inception's widths. Here the algorithm is {@code convolution_direct}, on
 * copies of the activations and gradients in the layout oneDNN chooses (channel blocks of 16 or 8).
 * {@code -D}{@value #LAYOUT_PROPERTY}{@code =nhwc} asks for channels-last copies instead, which
 * oneDNN serves with AVX-512 kernels where blocks got AVX2 weight-gradient kernels (small
 * Inception's 28 x 28 layers): alone, all of the network's convolutions took 31.8 and 33.5 ms a batch
 * forward and backward in NHWC against 37.2 and 39.9 in blocks ({@code ConvolutionBenchmark}), but
 * two trainings side by side, as the claim suite runs them, trained 11-15 % fewer images a second in
 * NHWC (three pairs of benchmark processes), so blocks stay the default (README, Performance,
 * 2026-12-06). Where oneDNN has no direct (JIT) NHWC kernels for a shape, the layer takes blocks.
 * The reorders to and from the copies run into the
 * thread's scratch arena ({@link OneDnnRuntime#scratch}). A 1x1 stride-1 convolution is the
 * exception: it runs on the plain NCHW arrays (oneDNN's GEMM kernel), where the reorders would cost
 * more than the convolution (forward 0.75 against 0.14 ms at 128 x 12 x 28 x 28, measured on an
 * AVX-512 Xeon).
 *
 * <p>One instance belongs to one layer, and runs on one thread at a time: the arrays' addresses are
 * set on its memory objects for each call. The arrays must be float, in plain row-major layout, on
 * ND4J's CPU backend ({@link OneDnnConvolutionHelper} sees to that).
 */
public final class ConvolutionPrimitives {
    private static final memory.data_type F32 = memory.data_type.f32;
    /** {@code nhwc} asks for channels-last activations; anything else lets oneDNN choose (the default). */
    public static final String LAYOUT_PROPERTY = "conv.layout";

    /**
     * One convolution's shape, as oneDNN states it; the bottom and right padding follow from the rest.
     * Dilation is 1.
     */
    public record Problem(int batch, int inChannels, int outChannels, int inHeight, int inWidth, int outHeight, int outWidth,
                   int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int padTop, int padLeft) {

        public int padBottom() {
            return (outHeight - 1) * strideHeight + kernelHeight - inHeight - padTop;
        }

        public int padRight() {
            return (outWidth - 1) * strideWidth + kernelWidth - inWidth - padLeft;
        }

        /** Whether the primitives run on the plain arrays instead of blocked copies (see the class comment). */
        public boolean plainLayouts() {
            return kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1;
        }

        long[] srcDims() {
            return new long[] {batch, inChannels, inHeight, inWidth};
        }

        long[] weightDims() {
            return new long[] {outChannels, inChannels, kernelHeight, kernelWidth};
        }

        long[] dstDims() {
            return new long[] {batch, outChannels, outHeight, outWidth};
        }
    }

    private final memory src;
    private final memory weights;
    private final memory bias;
    private final memory dst;
    private final memory diffSrc;
    private final memory diffWeights;
    private final memory diffBias;
    private final memory diffDst;
    private final Call forward = new Call();
    private final Call backward = new Call();
    private final String implementations;

    /** Creates the primitives for {@code p}: oneDNN's choice of kernels for this machine. */
    public ConvolutionPrimitives(Problem p) {
        memory.desc srcUser = new memory.desc(p.srcDims(), F32, memory.format_tag.nchw);
        memory.desc weightUser = new memory.desc(p.weightDims(), F32, memory.format_tag.oihw);
        memory.desc biasUser = new memory.desc(new long[] {p.outChannels()}, F32, memory.format_tag.x);
        memory.desc dstUser = new memory.desc(p.dstDims(), F32, memory.format_tag.nchw);
        src = user(srcUser);
        weights = user(weightUser);
        bias = user(biasUser);
        dst = user(dstUser);
        diffSrc = user(srcUser);
        diffWeights = user(weightUser);
        diffBias = user(biasUser);
        diffDst = user(dstUser);

        boolean blocked = !"nhwc".equals(System.getProperty(LAYOUT_PROPERTY));
        Descriptors d = new Descriptors(p, srcUser, weightUser, biasUser, dstUser,
                blocked ? memory.format_tag.any : memory.format_tag.nhwc);
        if (!blocked && !p.plainLayouts() && !d.allDirectKernels()) {
            // no direct NHWC kernels for this CPU and shape: oneDNN's choice
            d = new Descriptors(p, srcUser, weightUser, biasUser, dstUser, memory.format_tag.any);
        }
        convolution_forward.primitive_desc fwd = d.fwd;
        convolution_backward_data.primitive_desc bwdData = d.bwdData;
        convolution_backward_weights.primitive_desc bwdWeights = d.bwdWeights;

        memory x = forward.input(src, fwd.src_desc());
        memory w = forward.input(weights, fwd.weights_desc());
        memory z = forward.output(dst, fwd.dst_desc());
        forward.run(new convolution_forward(fwd), args(dnnl.DNNL_ARG_SRC, x, dnnl.DNNL_ARG_WEIGHTS, w, dnnl.DNNL_ARG_BIAS, bias,
                dnnl.DNNL_ARG_DST, z));
        forward.finish();

        memory dz = backward.input(diffDst, bwdData.diff_dst_desc());
        backward.inputGradientOnly(true);
        memory wb = backward.input(weights, bwdData.weights_desc());
        memory dx = backward.output(diffSrc, bwdData.diff_src_desc());
        backward.run(new convolution_backward_data(bwdData), args(dnnl.DNNL_ARG_DIFF_DST, dz, dnnl.DNNL_ARG_WEIGHTS, wb,
                dnnl.DNNL_ARG_DIFF_SRC, dx));
        backward.finish();
        backward.inputGradientOnly(false);
        memory xw = backward.input(src, bwdWeights.src_desc());
        memory dzw = dz.get_desc().equals(bwdWeights.diff_dst_desc()) ? dz : backward.input(diffDst, bwdWeights.diff_dst_desc());
        memory dw = backward.output(diffWeights, bwdWeights.diff_weights_desc());
        backward.run(new convolution_backward_weights(bwdWeights), args(dnnl.DNNL_ARG_SRC, xw, dnnl.DNNL_ARG_DIFF_DST, dzw,
                dnnl.DNNL_ARG_DIFF_WEIGHTS, dw, dnnl.DNNL_ARG_DIFF_BIAS, diffBias));
        backward.finish();
        implementations = "forward " + fwd.impl_info_str().getString() + ", input gradient "
                + bwdData.impl_info_str().getString() + ", weight gradient " + bwdWeights.impl_info_str().getString();
    }

    /** The three primitive descriptors for {@code p} with the activations in {@code layout} (plain for 1x1). */
    private static final class Descriptors {
        final convolution_forward.primitive_desc fwd;
        final convolution_backward_data.primitive_desc bwdData;
        final convolution_backward_weights.primitive_desc bwdWeights;

        Descriptors(Problem p, memory.desc srcUser, memory.desc weightUser, memory.desc biasUser, memory.desc dstUser,
                    memory.format_tag layout) {
            boolean plain = p.plainLayouts();
            memory.desc srcAny = plain ? srcUser : new memory.desc(p.srcDims(), F32, layout);
            memory.desc weightAny = plain ? weightUser : any(p.weightDims());
            memory.desc dstAny = plain ? dstUser : new memory.desc(p.dstDims(), F32, layout);
            long[] strides = {p.strideHeight(), p.strideWidth()};
            long[] dilation = {0, 0}; // oneDNN counts dilation from 0
            long[] padL = {p.padTop(), p.padLeft()};
            long[] padR = {p.padBottom(), p.padRight()};
            dnnl.algorithm direct = dnnl.algorithm.convolution_direct;
            fwd = new convolution_forward.primitive_desc(new convolution_forward.desc(dnnl.prop_kind.forward_training, direct,
                    srcAny, weightAny, biasUser, dstAny, strides, dilation, padL, padR), OneDnnRuntime.engine());
            bwdData = new convolution_backward_data.primitive_desc(new convolution_backward_data.desc(direct, srcAny, weightAny,
                    dstAny, strides, dilation, padL, padR), OneDnnRuntime.engine(), fwd);
            bwdWeights = new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(direct, srcAny,
                    weightAny, biasUser, dstAny, strides, dilation, padL, padR), OneDnnRuntime.engine(), fwd);
        }

        /**
         * Whether all three are oneDNN's direct JIT kernels, neither a reference kernel nor its GEMM-based
         * convolution, which it takes in NHWC on a CPU without AVX2 (small Inception's convolutions then
         * took 193 against 124 ms a batch in NHWC, under {@code DNNL_MAX_CPU_ISA=SSE41}).
         */
        boolean allDirectKernels() {
            return Stream.of(fwd.impl_info_str(), bwdData.impl_info_str(), bwdWeights.impl_info_str())
                    .map(s -> s.getString()).noneMatch(s -> s.startsWith("ref") || s.contains("gemm"));
        }
    }

    /** The oneDNN library these primitives come from and the instruction set it runs: "oneDNN 2.5.2 (avx512_core)". */
    public static String library() {
        return OneDnnRuntime.description();
    }

    /** oneDNN's names of the three kernels it chose, e.g. "forward jit:avx512_common, ...". */
    public String implementations() {
        return implementations;
    }

    /** {@code z = conv(x, w) + b}. */
    public void forward(INDArray x, INDArray w, INDArray b, INDArray z) {
        bind(src, x);
        bind(weights, w);
        bind(bias, b);
        bind(dst, z);
        forward.execute(true);
    }

    /**
     * From the output gradient {@code dz}: the input gradient {@code dx}, weight gradient {@code dw}
     * and bias gradient {@code db}. With {@code dx} null the input gradient is not computed (a
     * network's first layer, whose input is the images).
     */
    public void backward(INDArray x, INDArray w, INDArray dz, INDArray dx, INDArray dw, INDArray db) {
        bind(src, x);
        bind(weights, w);
        bind(diffDst, dz);
        if (dx != null) {
            bind(diffSrc, dx);
        }
        bind(diffWeights, dw);
        bind(diffBias, db);
        backward.execute(dx != null);
    }

    private static void bind(memory m, INDArray a) {
        m.set_data_handle(OneDnnRuntime.pointer(OneDnnRuntime.address(a)));
    }

    private static memory user(memory.desc d) {
        return new memory(d, OneDnnRuntime.engine(), (Pointer) null);
    }

    private static memory.desc any(long[] dims) {
        return new memory.desc(dims, F32, memory.format_tag.any);
    }

    private static IntMemoryMap args(Object... argAndMemory) {
        IntMemoryMap m = new IntMemoryMap();
        for (int i = 0; i < argAndMemory.length; i += 2) {
            m.put((Integer) argAndMemory[i], (memory) argAndMemory[i + 1]);
        }
        return m;
    }

    /**
     * The primitives one call runs, in order, and the scratch memories (blocked copies) they use, laid
     * out one after another in the thread's arena.
     */
    private static final class Call {
        private final List<primitive> steps = new ArrayList<>();
        private final List<IntMemoryMap> stepArgs = new ArrayList<>();
        private final List<memory> scratch = new ArrayList<>();
        private final List<Long> offsets = new ArrayList<>();
        private final List<memory[]> pendingOutputs = new ArrayList<>();
        private final List<Boolean> inputGradientSteps = new ArrayList<>();
        private boolean addingInputGradient;
        private long bytes;

        /** Marks the steps added from now on as the input gradient's, which {@link #execute(boolean)} may skip. */
        void inputGradientOnly(boolean on) {
            addingInputGradient = on;
        }

        /** {@code user} itself when the primitive takes its layout, else a scratch copy reordered from it first. */
        memory input(memory user, memory.desc wanted) {
            if (user.get_desc().equals(wanted)) {
                return user;
            }
            memory m = scratch(wanted);
            reorder(user, m);
            return m;
        }

        /** {@code user} itself when the primitive writes its layout, else a scratch memory reordered into it at {@link #finish()}. */
        memory output(memory user, memory.desc written) {
            if (user.get_desc().equals(written)) {
                return user;
            }
            memory m = scratch(written);
            pendingOutputs.add(new memory[] {m, user});
            return m;
        }

        void run(primitive p, IntMemoryMap args) {
            steps.add(p);
            stepArgs.add(args);
            inputGradientSteps.add(addingInputGradient);
        }

        /** Adds the reorders of the outputs of the primitive just added. */
        void finish() {
            for (memory[] m : pendingOutputs) {
                reorder(m[0], m[1]);
            }
            pendingOutputs.clear();
        }

        void execute(boolean withInputGradient) {
            long base = OneDnnRuntime.scratch(bytes);
            for (int i = 0; i < scratch.size(); i++) {
                scratch.get(i).set_data_handle(OneDnnRuntime.pointer(base + offsets.get(i)));
            }
            stream stream = OneDnnRuntime.stream();
            for (int i = 0; i < steps.size(); i++) {
                if (withInputGradient || !inputGradientSteps.get(i)) {
                    steps.get(i).execute(stream, stepArgs.get(i));
                }
            }
            stream._wait();
        }

        private memory scratch(memory.desc d) {
            memory m = new memory(d, OneDnnRuntime.engine(), (Pointer) null);
            scratch.add(m);
            offsets.add(bytes);
            bytes += OneDnnRuntime.aligned(d.get_size());
            return m;
        }

        private void reorder(memory from, memory to) {
            run(new reorder(from, to), args(dnnl.DNNL_ARG_FROM, from, dnnl.DNNL_ARG_TO, to));
        }
    }
}
