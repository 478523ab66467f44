package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.ConvolutionPrimitives;
import io.github.rethinkinggeneralization.model.CpuBackendSettings;
import io.github.rethinkinggeneralization.model.ModelSpec;
import io.github.rethinkinggeneralization.model.NetworkFactory;
import io.github.rethinkinggeneralization.model.OneDnnLayerHelpers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2DDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark entry point (not a test): each convolution layer of a network, timed alone, one call at
 * a time, as DL4J's oneDNN helper makes it in a training step: ND4J's {@code conv2d} op for the
 * forward pass and {@code conv2d_bp} (input, weight and bias gradients in one op) for the backward
 * pass, on random float NCHW arrays of the training batch's shape; and the same two calls as the
 * suite's {@link ConvolutionPrimitives} make them (which the networks train with), with the names of
 * the kernels oneDNN chose for those. With {@code -Dbench.builtin=true}
 * each is timed also with the op's platform helpers off (libnd4j's own im2col and GEMM instead of
 * oneDNN). Where {@link ThroughputBenchmark} says how fast a network trains, this says which of its
 * convolutions take the time, and whether the backward pass costs the 2x of the forward pass that its
 * multiply-adds would suggest (small Inception at 1/8 width: 4-7x for its 3x3 convolutions, oneDNN
 * having chosen Winograd kernels; README, Performance). Run {@code DNNL_VERBOSE=1} beside it to see
 * oneDNN's choice of kernels and layouts per call.
 *
 * <p>Run: {@code mvn -B -Pbench compile exec:java -Dexec.mainClass=io.github.rethinkinggeneralization.train.ConvolutionBenchmark}
 * (arguments: {@code model:width}, default {@code small-inception:0.125}; {@code -Dbench.batch},
 * default 128, the paper's batch).
 */
public final class ConvolutionBenchmark {
    private static final int WARMUP_CALLS = 10;
    private static final int TIMED_CALLS = 25;

    private ConvolutionBenchmark() {
    }

    /** One convolution layer's call as the training step makes it: NCHW input of {@code batch} images. */
    record Convolution(String layer, int batch, int inChannels, int outChannels, int height, int width, int outHeight,
                       int outWidth, int[] kernel, int[] stride, int[] pad, int[] dilation, boolean same) {

        /** oneDNN's verbose notation: {@code mb128_ic8oc6_ih28oh28kh3sh1ph1_iw28ow28kw3sw1pw1}. */
        String problem() {
            return String.format(Locale.ROOT, "mb%d_ic%doc%d_ih%doh%dkh%dsh%dph%d_iw%dow%dkw%dsw%dpw%d", batch, inChannels,
                    outChannels, height, outHeight, kernel[0], stride[0], pad[0], width, outWidth, kernel[1], stride[1], pad[1]);
        }

        /** The same problem as {@link ConvolutionPrimitives} states it. */
        ConvolutionPrimitives.Problem primitivesProblem() {
            return new ConvolutionPrimitives.Problem(batch, inChannels, outChannels, height, width, outHeight, outWidth,
                    kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1]);
        }

        /** The integer arguments of ND4J's {@code conv2d} and {@code conv2d_bp}, as DL4J's oneDNN helper passes them. */
        long[] opArguments() {
            return new long[] {kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1],
                same ? 1 : 0, 0}; // 0: NCHW
        }
    }

    public static void main(String[] args) {
        CpuBackendSettings.apply();
        String[] parts = (args.length > 0 ? args[0] : "small-inception:0.125").split(":");
        Architecture a = Architecture.fromId(parts[0]);
        double width = parts.length > 1 ? Double.parseDouble(parts[1]) : 1.0;
        int batch = Integer.getInteger("bench.batch", 128);
        boolean builtin = Boolean.getBoolean("bench.builtin");
        ImageShape shape = new ImageShape(3, 28, 28);
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(a).withWidth(width), shape, 10,
                OptimizerSpec.paper(a).updater(), 1);
        System.out.printf(Locale.ROOT, "%s x%s, batch %d, oneDNN layer helpers %s; ms per call, median of %d after %d%n",
                a.id(), width, batch, OneDnnLayerHelpers.active() ? "on" : "off", TIMED_CALLS, WARMUP_CALLS);
        System.out.println("conv2d: ND4J's ops, as DL4J's oneDNN helper calls them; primitives: the suite's, as the networks"
                + " train with them, from " + ConvolutionPrimitives.library());
        System.out.printf(Locale.ROOT, "%-22s %-50s %11s %12s %8s %11s %12s %8s%s  %s%n", "layer", "problem", "conv2d fwd",
                "conv2d bwd", "bwd/fwd", "prims fwd", "prims bwd", "bwd/fwd",
                builtin ? String.format(Locale.ROOT, " %12s %12s", "fwd builtin", "bwd builtin") : "", "primitives' kernels");
        double[] sums = new double[4];
        for (Convolution c : convolutions(net, shape, batch)) {
            Timing t = time(c, true, WARMUP_CALLS, TIMED_CALLS);
            ConvolutionPrimitives primitives = new ConvolutionPrimitives(c.primitivesProblem());
            Timing p = time(c, primitives, WARMUP_CALLS, TIMED_CALLS);
            sums[0] += t.forwardMs();
            sums[1] += t.backwardMs();
            sums[2] += p.forwardMs();
            sums[3] += p.backwardMs();
            String plain = "";
            if (builtin) {
                Timing b = time(c, false, 2, 5);
                plain = String.format(Locale.ROOT, " %12.2f %12.2f", b.forwardMs(), b.backwardMs());
            }
            System.out.printf(Locale.ROOT, "%-22s %-50s %11.2f %12.2f %7.1fx %11.2f %12.2f %7.1fx%s  %s%n", c.layer(), c.problem(),
                    t.forwardMs(), t.backwardMs(), t.backwardMs() / t.forwardMs(), p.forwardMs(), p.backwardMs(),
                    p.backwardMs() / p.forwardMs(), plain, primitives.implementations());
        }
        System.out.printf(Locale.ROOT, "%-22s %-50s %11.2f %12.2f %7.1fx %11.2f %12.2f %7.1fx%n", "all", "", sums[0], sums[1],
                sums[1] / sums[0], sums[2], sums[3], sums[3] / sums[2]);
    }

    /** Every convolution layer of {@code net} with the shape its training step gives it, in the graph's order. */
    static List<Convolution> convolutions(ComputationGraph net, ImageShape input, int batch) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        InputType in = InputType.convolutional(input.height(), input.width(), input.channels());
        Map<String, InputType> outTypes = conf.getLayerActivationTypes(
                InputType.convolutionalFlat(input.height(), input.width(), input.channels()));
        List<Convolution> out = new ArrayList<>();
        for (String name : vertexNamesInOrder(net)) {
            GraphVertex v = conf.getVertices().get(name);
            if (!(v instanceof LayerVertex lv) || !(lv.getLayerConf().getLayer() instanceof ConvolutionLayer conv)) {
                continue;
            }
            String from = conf.getVertexInputs().get(name).get(0);
            InputType.InputTypeConvolutional x = from.equals(NetworkFactory.INPUT)
                    ? (InputType.InputTypeConvolutional) in
                    : (InputType.InputTypeConvolutional) outTypes.get(from);
            InputType.InputTypeConvolutional z = (InputType.InputTypeConvolutional) outTypes.get(name);
            int[] inSize = {(int) x.getHeight(), (int) x.getWidth()};
            int[] outSize = {(int) z.getHeight(), (int) z.getWidth()};
            boolean same = conv.getConvolutionMode() == ConvolutionMode.Same;
            int[] pad = same
                    ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, conv.getKernelSize(), conv.getStride(),
                            conv.getDilation())
                    : conv.getPadding();
            out.add(new Convolution(name, batch, (int) x.getChannels(), (int) conv.getNOut(), inSize[0], inSize[1],
                    outSize[0], outSize[1], conv.getKernelSize().clone(), conv.getStride().clone(), pad.clone(),
                    conv.getDilation().clone(), same));
        }
        return out;
    }

    private static String[] vertexNamesInOrder(ComputationGraph net) {
        int[] order = net.topologicalSortOrder();
        String[] names = new String[order.length];
        for (int i = 0; i < order.length; i++) {
            names[i] = net.getVertices()[order[i]].getVertexName();
        }
        return names;
    }

    /** Median milliseconds of one forward and one backward call. */
    record Timing(double forwardMs, double backwardMs) {
    }

    /** Times {@code c}'s forward and backward ops, with the op's platform helpers (oneDNN) or without them. */
    static Timing time(Convolution c, boolean helpers, int warmup, int timed) {
        Arrays a = Arrays.random(c);
        // DL4J's [oC, iC, kH, kW] weights as the ops' [kH, kW, iC, oC], as its helper passes them
        OpContext fwd = context(c, helpers, new INDArray[] {a.x(), a.w().permute(2, 3, 1, 0), a.b()}, new INDArray[] {a.z()});
        OpContext bwd = context(c, helpers, new INDArray[] {a.x(), a.w().permute(2, 3, 1, 0), a.b(), a.dz()},
                new INDArray[] {a.dx(), a.dw().permute(2, 3, 1, 0), a.db()});
        return new Timing(medianMs(() -> Nd4j.exec(new Conv2D(), fwd), warmup, timed),
                medianMs(() -> Nd4j.exec(new Conv2DDerivative(), bwd), warmup, timed));
    }

    /** Times {@code c}'s forward and backward calls as the suite's {@code primitives} make them. */
    static Timing time(Convolution c, ConvolutionPrimitives primitives, int warmup, int timed) {
        Arrays a = Arrays.random(c);
        return new Timing(medianMs(() -> primitives.forward(a.x(), a.w(), a.b(), a.z()), warmup, timed),
                medianMs(() -> primitives.backward(a.x(), a.w(), a.dz(), a.dx(), a.dw(), a.db()), warmup, timed));
    }

    /** One call's arrays: input, DL4J's weights and bias, output, and their gradients. */
    private record Arrays(INDArray x, INDArray w, INDArray b, INDArray z, INDArray dz, INDArray dx, INDArray dw, INDArray db) {
        static Arrays random(Convolution c) {
            INDArray x = Nd4j.rand(DataType.FLOAT, c.batch(), c.inChannels(), c.height(), c.width()).subi(0.5);
            INDArray w = Nd4j.rand(DataType.FLOAT, c.outChannels(), c.inChannels(), c.kernel()[0], c.kernel()[1]).subi(0.5);
            INDArray z = Nd4j.createUninitialized(DataType.FLOAT, c.batch(), c.outChannels(), c.outHeight(), c.outWidth());
            return new Arrays(x, w, Nd4j.rand(DataType.FLOAT, c.outChannels()), z, Nd4j.rand(DataType.FLOAT, z.shape()).subi(0.5),
                    Nd4j.createUninitialized(DataType.FLOAT, x.shape()), Nd4j.createUninitialized(DataType.FLOAT, w.shape()),
                    Nd4j.createUninitialized(DataType.FLOAT, c.outChannels()));
        }
    }

    private static OpContext context(Convolution c, boolean helpers, INDArray[] inputs, INDArray[] outputs) {
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        ctx.allowHelpers(helpers);
        ctx.setIArguments(c.opArguments());
        for (int i = 0; i < inputs.length; i++) {
            ctx.setInputArray(i, inputs[i]);
        }
        for (int i = 0; i < outputs.length; i++) {
            ctx.setOutputArray(i, outputs[i]);
        }
        return ctx;
    }

    private static double medianMs(Runnable call, int warmup, int timed) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] ms = new double[timed];
        for (int i = 0; i < timed; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ThroughputBenchmark.median(ms);
    }
}
