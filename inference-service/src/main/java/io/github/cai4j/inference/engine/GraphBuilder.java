package io.github.cai4j.inference.engine;

import io.github.cai4j.inference.kernels.ActivationFloat;
import io.github.cai4j.inference.kernels.ActivationInt8;
import io.github.cai4j.inference.kernels.ActivationRange;
import io.github.cai4j.inference.kernels.AddInt8;
import io.github.cai4j.inference.kernels.Broadcast;
import io.github.cai4j.inference.kernels.Conv2DFloat;
import io.github.cai4j.inference.kernels.Conv2DInt16;
import io.github.cai4j.inference.kernels.Conv2DInt8;
import io.github.cai4j.inference.kernels.ConvGeometry;
import io.github.cai4j.inference.kernels.Copy;
import io.github.cai4j.inference.kernels.DepthwiseConv2DFloat;
import io.github.cai4j.inference.kernels.DepthwiseConv2DInt8;
import io.github.cai4j.inference.kernels.Dequantize;
import io.github.cai4j.inference.kernels.ElementwiseFloat;
import io.github.cai4j.inference.kernels.FullyConnectedFloat;
import io.github.cai4j.inference.kernels.FullyConnectedInt8;
import io.github.cai4j.inference.kernels.Kernel;
import io.github.cai4j.inference.kernels.MulInt8;
import io.github.cai4j.inference.kernels.Pool2DFloat;
import io.github.cai4j.inference.kernels.Pool2DInt8;
import io.github.cai4j.inference.kernels.QuantizeFloat;
import io.github.cai4j.inference.kernels.QuantizedMultiplier;
import io.github.cai4j.inference.kernels.Requantize;
import io.github.cai4j.inference.kernels.SoftmaxFloat;
import io.github.cai4j.inference.kernels.SoftmaxInt8;
import io.github.cai4j.inference.model.Activation;
import io.github.cai4j.inference.model.BuiltinOperator;
import io.github.cai4j.inference.model.BuiltinOptions;
import io.github.cai4j.inference.model.ModelException;
import io.github.cai4j.inference.model.Operator;
import io.github.cai4j.inference.model.Padding;
import io.github.cai4j.inference.model.Quantization;
import io.github.cai4j.inference.model.SubGraph;
import io.github.cai4j.inference.model.Tensor;
import io.github.cai4j.inference.model.TensorType;
import io.github.cai4j.inference.model.TfliteModel;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prepares an {@link Interpreter}: validates operators, plans the arena, decodes constants, builds kernels. */
final class GraphBuilder {
    private static final int UNWRITTEN = Integer.MAX_VALUE;

    private final TfliteModel model;
    private final Interpreter.Options options;
    private final SubGraph g;
    private final boolean single;
    private final Object[] storage;
    private final int[] offset;
    private final boolean[] constant;
    private final TensorView[] views;
    private Kernel[] kernels;
    private long arenaBytes;

    GraphBuilder(TfliteModel model, Interpreter.Options options) {
        this.model = model;
        this.options = options;
        this.g = model.mainGraph();
        this.single = options.rounding() == RoundingMode.TFLITE_SINGLE;
        int n = g.tensors().size();
        this.storage = new Object[n];
        this.offset = new int[n];
        this.constant = new boolean[n];
        this.views = new TensorView[n];
    }

    Kernel[] kernels() {
        return kernels;
    }

    TensorView[] views() {
        return views;
    }

    long arenaBytes() {
        return arenaBytes;
    }

    void build() throws ModelException {
        List<Operator> ops = g.operators();
        for (Operator op : ops) {
            int code = model.operatorCode(op).code();
            if (!isSupported(code)) {
                throw new ModelException(String.format(Locale.ROOT, "operator %d: %s is not supported", op.index(),
                        model.operatorCode(op).name()));
            }
        }
        planArena(ops);
        kernels = new Kernel[ops.size()];
        for (Operator op : ops) {
            try {
                kernels[op.index()] = kernel(op);
            } catch (IllegalArgumentException e) {
                throw opError(op, e.getMessage());
            }
        }
    }

    private static boolean isSupported(int code) {
        switch (code) {
            case BuiltinOperator.FULLY_CONNECTED:
            case BuiltinOperator.QUANTIZE:
            case BuiltinOperator.DEQUANTIZE:
            case BuiltinOperator.CONV_2D:
            case BuiltinOperator.DEPTHWISE_CONV_2D:
            case BuiltinOperator.AVERAGE_POOL_2D:
            case BuiltinOperator.MAX_POOL_2D:
            case BuiltinOperator.RESHAPE:
            case BuiltinOperator.SOFTMAX:
            case BuiltinOperator.ADD:
            case BuiltinOperator.MUL:
            case BuiltinOperator.LOGISTIC:
            case BuiltinOperator.TANH:
                return true;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- arena

    private static int pool(TensorType t) {
        switch (t) {
            case INT8:
            case UINT8:
            case BOOL:
                return 0;
            case INT16:
                return 1;
            case INT32:
                return 2;
            case FLOAT32:
                return 3;
            case INT64:
                return 4;
            default:
                return -1;
        }
    }

    private void planArena(List<Operator> ops) throws ModelException {
        int n = g.tensors().size();
        int[] first = new int[n];
        int[] last = new int[n];
        Arrays.fill(first, UNWRITTEN);
        Arrays.fill(last, -2);
        boolean[] isGraphInput = new boolean[n];
        for (int t : g.inputs()) {
            // inputs stay intact for the whole invocation, so invoke() can be repeated on the same input
            isGraphInput[t] = true;
            first[t] = -1;
            last[t] = ops.size();
        }
        for (Tensor t : g.tensors()) {
            constant[t.index()] = !isGraphInput[t.index()] && model.hasData(t.buffer());
            if (t.isVariable() && !constant[t.index()]) {
                first[t.index()] = -1;
                last[t.index()] = ops.size();
            }
        }
        for (Operator op : ops) {
            for (int t : op.inputs()) {
                if (t < 0 || constant[t]) {
                    continue;
                }
                if (first[t] == UNWRITTEN || first[t] >= op.index()) {
                    throw opError(op, "reads tensor " + t + " before any operator writes it");
                }
                last[t] = Math.max(last[t], op.index());
            }
            for (int t : op.outputs()) {
                if (constant[t]) {
                    throw opError(op, "writes constant tensor " + t);
                }
                if (first[t] != UNWRITTEN) {
                    throw opError(op, "writes tensor " + t + ", which already has a value");
                }
                first[t] = op.index();
                last[t] = Math.max(last[t], op.index());
            }
        }
        for (int t : g.outputs()) {
            if (first[t] == UNWRITTEN && !constant[t]) {
                throw new ModelException("graph output tensor " + t + " is never written");
            }
            last[t] = ops.size();
        }
        ArenaPlanner[] planners = new ArenaPlanner[5];
        for (int p = 0; p < planners.length; p++) {
            planners[p] = new ArenaPlanner();
        }
        long[] counts = new long[n];
        for (Tensor t : g.tensors()) {
            int i = t.index();
            if (constant[i] || first[i] == UNWRITTEN) {
                continue;
            }
            int p = pool(t.type());
            if (p < 0) {
                throw new ModelException(String.format(Locale.ROOT, "tensor %d (%s): type %s is not supported", i,
                        t.name(), t.type()));
            }
            long count = t.elementCount();
            if (count * t.type().elementSize() > options.maxArenaBytes()) {
                throw new ModelException(String.format(Locale.ROOT,
                        "tensor %d (%s) needs more than the arena limit of %d bytes", i, t.name(),
                        options.maxArenaBytes()));
            }
            counts[i] = count;
            planners[p].add(i, (int) count, first[i], last[i]);
        }
        int[] poolOffset = new int[n];
        long[] poolLength = new long[planners.length];
        long total = 0;
        int[] elemSize = {1, 2, 4, 4, 8};
        for (int p = 0; p < planners.length; p++) {
            poolLength[p] = planners[p].plan(!options.preserveAllTensors(), poolOffset);
            total += poolLength[p] * elemSize[p];
        }
        if (total > options.maxArenaBytes() || poolLength[0] > Integer.MAX_VALUE - 8) {
            throw new ModelException(String.format(Locale.ROOT, "the model needs an arena of %d bytes, limit %d",
                    total, options.maxArenaBytes()));
        }
        arenaBytes = total;
        Object[] pools = {new byte[(int) poolLength[0]], new short[(int) poolLength[1]], new int[(int) poolLength[2]],
            new float[(int) poolLength[3]], new long[(int) poolLength[4]]};
        for (Tensor t : g.tensors()) {
            int i = t.index();
            if (constant[i]) {
                storage[i] = decodeConstant(t);
                offset[i] = 0;
                views[i] = new TensorView(t, storage[i], 0, (int) t.elementCount(), true);
            } else if (first[i] != UNWRITTEN) {
                storage[i] = pools[pool(t.type())];
                offset[i] = poolOffset[i];
                views[i] = new TensorView(t, storage[i], offset[i], (int) counts[i], false);
            }
        }
    }

    private Object decodeConstant(Tensor t) throws ModelException {
        int size = t.type().elementSize();
        long count = t.elementCount();
        int have = model.bufferSize(t.buffer());
        if (size == 0 || count * size != have) {
            throw new ModelException(String.format(Locale.ROOT,
                    "tensor %d (%s): constant buffer %d holds %d bytes, %s %s needs %d", t.index(), t.name(),
                    t.buffer(), have, t.type(), Arrays.toString(t.shape()), count * size));
        }
        ByteBuffer bb = model.bufferView(t.buffer());
        int n = (int) count;
        switch (t.type()) {
            case INT8:
            case UINT8:
            case BOOL: {
                byte[] r = new byte[n];
                bb.get(r);
                return r;
            }
            case INT16: {
                short[] r = new short[n];
                bb.asShortBuffer().get(r);
                return r;
            }
            case INT32: {
                int[] r = new int[n];
                bb.asIntBuffer().get(r);
                return r;
            }
            case FLOAT32: {
                float[] r = new float[n];
                bb.asFloatBuffer().get(r);
                return r;
            }
            case INT64: {
                long[] r = new long[n];
                bb.asLongBuffer().get(r);
                return r;
            }
            default:
                throw new ModelException(String.format(Locale.ROOT, "tensor %d (%s): constants of type %s are not "
                        + "supported", t.index(), t.name(), t.type()));
        }
    }

    // ---------------------------------------------------------------- helpers

    private ModelException opError(Operator op, String what) {
        return new ModelException(String.format(Locale.ROOT, "operator %d (%s): %s", op.index(),
                model.operatorCode(op).name(), what));
    }

    private Tensor input(Operator op, int k) throws ModelException {
        int t = op.input(k);
        if (t < 0) {
            throw opError(op, "input " + k + " is missing");
        }
        return g.tensor(t);
    }

    private Tensor optionalInput(Operator op, int k) {
        int t = op.input(k);
        return t < 0 ? null : g.tensor(t);
    }

    private Tensor output(Operator op, int k) throws ModelException {
        if (op.outputCount() <= k) {
            throw opError(op, "output " + k + " is missing");
        }
        return g.tensor(op.output(k));
    }

    private void requireType(Operator op, Tensor t, TensorType... types) throws ModelException {
        for (TensorType tt : types) {
            if (t.type() == tt) {
                return;
            }
        }
        throw opError(op, Interpreter.describe(t) + " has type " + t.type() + ", expected one of "
                + Arrays.toString(types));
    }

    private void requireConstant(Operator op, Tensor t, String role) throws ModelException {
        if (!constant[t.index()]) {
            throw opError(op, role + " " + Interpreter.describe(t) + " must be a constant");
        }
    }

    private void requireRank(Operator op, Tensor t, int rank) throws ModelException {
        if (t.rank() != rank) {
            throw opError(op, Interpreter.describe(t) + " must have rank " + rank);
        }
    }

    private Quantization quant(Operator op, Tensor t) throws ModelException {
        Optional<Quantization> q = t.quantization();
        if (q.isEmpty() || !q.get().hasScale()) {
            throw opError(op, Interpreter.describe(t) + " has no quantization parameters");
        }
        for (float s : q.get().scale()) {
            if (!(s > 0f) || Float.isInfinite(s)) {
                throw opError(op, Interpreter.describe(t) + " has scale " + s);
            }
        }
        return q.get();
    }

    private float scale(Operator op, Tensor t) throws ModelException {
        return quant(op, t).scale0();
    }

    private int zeroPoint(Operator op, Tensor t) throws ModelException {
        long zp = quant(op, t).zeroPoint0();
        if (zp < Short.MIN_VALUE || zp > 65535) {
            throw opError(op, Interpreter.describe(t) + " has zero point " + zp);
        }
        return (int) zp;
    }

    private int count(Tensor t) {
        return (int) t.elementCount();
    }

    private byte[] bytes(Tensor t) {
        return (byte[]) storage[t.index()];
    }

    private short[] shorts(Tensor t) {
        return (short[]) storage[t.index()];
    }

    private float[] floats(Tensor t) {
        return (float[]) storage[t.index()];
    }

    private int[] ints(Tensor t) {
        return (int[]) storage[t.index()];
    }

    private int off(Tensor t) {
        return offset[t.index()];
    }

    private void requireSameCount(Operator op, Tensor a, Tensor b) throws ModelException {
        if (a.elementCount() != b.elementCount()) {
            throw opError(op, Interpreter.describe(a) + " and " + Interpreter.describe(b)
                    + " have different element counts");
        }
    }

    private static int qmin(TensorType t) {
        return t == TensorType.INT16 ? -32768 : -128;
    }

    private static int qmax(TensorType t) {
        return t == TensorType.INT16 ? 32767 : 127;
    }

    private ActivationRange range(Operator op, Activation act, Tensor out) throws ModelException {
        try {
            return ActivationRange.quantized(act, scale(op, out), zeroPoint(op, out), qmin(out.type()),
                    qmax(out.type()));
        } catch (ModelException e) {
            throw opError(op, e.getMessage());
        }
    }

    private float[] floatRange(Operator op, Activation act) throws ModelException {
        try {
            return ActivationRange.floating(act);
        } catch (ModelException e) {
            throw opError(op, e.getMessage());
        }
    }

    private <T extends BuiltinOptions> T options(Operator op, Class<T> type) throws ModelException {
        BuiltinOptions o = op.options();
        if (!type.isInstance(o)) {
            throw opError(op, "builtin options of union type " + o.unionType() + ", expected "
                    + type.getSimpleName());
        }
        return type.cast(o);
    }

    // ---------------------------------------------------------------- kernels

    private Kernel kernel(Operator op) throws ModelException {
        int code = model.operatorCode(op).code();
        switch (code) {
            case BuiltinOperator.FULLY_CONNECTED:
                return fullyConnected(op);
            case BuiltinOperator.QUANTIZE:
                return quantize(op);
            case BuiltinOperator.DEQUANTIZE:
                return dequantize(op);
            case BuiltinOperator.CONV_2D:
                return conv2d(op);
            case BuiltinOperator.DEPTHWISE_CONV_2D:
                return depthwise(op);
            case BuiltinOperator.AVERAGE_POOL_2D:
                return pool(op, true);
            case BuiltinOperator.MAX_POOL_2D:
                return pool(op, false);
            case BuiltinOperator.RESHAPE:
                return reshape(op);
            case BuiltinOperator.SOFTMAX:
                return softmax(op);
            case BuiltinOperator.ADD:
            case BuiltinOperator.MUL:
                return elementwise(op, code == BuiltinOperator.ADD);
            case BuiltinOperator.LOGISTIC:
                return activation(op, ActivationInt8.Function.LOGISTIC);
            case BuiltinOperator.TANH:
                return activation(op, ActivationInt8.Function.TANH);
            default:
                throw opError(op, "is not supported");
        }
    }

    private Kernel fullyConnected(Operator op) throws ModelException {
        BuiltinOptions.FullyConnected o;
        if (op.options() instanceof BuiltinOptions.None) {
            o = new BuiltinOptions.FullyConnected(Activation.NONE, 0, false, false);
        } else {
            o = options(op, BuiltinOptions.FullyConnected.class);
        }
        if (o.weightsFormat() != 0) {
            throw opError(op, "weights format " + o.weightsFormat() + " is not supported");
        }
        Tensor in = input(op, 0);
        Tensor w = input(op, 1);
        Tensor bias = optionalInput(op, 2);
        Tensor out = output(op, 0);
        requireConstant(op, w, "filter");
        requireRank(op, w, 2);
        int outDepth = w.dim(0);
        int accum = w.dim(1);
        if (accum == 0 || outDepth == 0 || in.elementCount() % accum != 0) {
            throw opError(op, "input of " + in.elementCount() + " elements does not fit filter " + Arrays.toString(
                    w.shape()));
        }
        int batches = (int) (in.elementCount() / accum);
        if (out.elementCount() != (long) batches * outDepth) {
            throw opError(op, Interpreter.describe(out) + " does not hold " + batches + "x" + outDepth);
        }
        if (bias != null) {
            requireConstant(op, bias, "bias");
            if (bias.elementCount() != outDepth) {
                throw opError(op, "bias has " + bias.elementCount() + " elements, expected " + outDepth);
            }
        }
        if (in.type() == TensorType.FLOAT32) {
            requireType(op, w, TensorType.FLOAT32);
            requireType(op, out, TensorType.FLOAT32);
            if (bias != null) {
                requireType(op, bias, TensorType.FLOAT32);
            }
            float[] r = floatRange(op, o.activation());
            return new FullyConnectedFloat(floats(in), off(in), floats(out), off(out), floats(w),
                    bias == null ? null : floats(bias), batches, outDepth, accum, r[0], r[1]);
        }
        requireType(op, in, TensorType.INT8);
        requireType(op, w, TensorType.INT8);
        requireType(op, out, TensorType.INT8);
        if (bias != null) {
            requireType(op, bias, TensorType.INT32);
        }
        Quantization wq = quant(op, w);
        float sIn = scale(op, in);
        float sOut = scale(op, out);
        QuantizedMultiplier[] m;
        int wZp;
        if (wq.isPerChannel()) {
            if (wq.channelCount() != outDepth) {
                throw opError(op, "filter has " + wq.channelCount() + " scales for " + outDepth + " channels");
            }
            m = new QuantizedMultiplier[outDepth];
            for (int c = 0; c < outDepth; c++) {
                m[c] = QuantizedMultiplier.of((double) sIn * (double) wq.scale(c) / (double) sOut, single);
            }
            wZp = 0;
        } else {
            // the scale product is a float multiply (GetQuantizedConvolutionMultipler), then divided in double
            float product = sIn * wq.scale0();
            m = new QuantizedMultiplier[] {QuantizedMultiplier.of((double) product / (double) sOut, single)};
            wZp = zeroPoint(op, w);
        }
        return new FullyConnectedInt8(bytes(in), off(in), bytes(out), off(out), bytes(w), wZp,
                bias == null ? null : ints(bias), zeroPoint(op, in), zeroPoint(op, out), m, batches, outDepth, accum,
                range(op, o.activation(), out), single);
    }

    private Kernel quantize(Operator op) throws ModelException {
        Tensor in = input(op, 0);
        Tensor out = output(op, 0);
        requireSameCount(op, in, out);
        requireType(op, out, TensorType.INT8, TensorType.INT16);
        if (quant(op, out).isPerChannel()) {
            throw opError(op, "per-channel QUANTIZE is not supported");
        }
        if (in.type() == TensorType.FLOAT32) {
            if (out.type() == TensorType.INT8) {
                return QuantizeFloat.toInt8(floats(in), off(in), bytes(out), off(out), count(out), scale(op, out),
                        zeroPoint(op, out));
            }
            return QuantizeFloat.toInt16(floats(in), off(in), shorts(out), off(out), count(out), scale(op, out),
                    zeroPoint(op, out));
        }
        requireType(op, in, TensorType.INT8, TensorType.INT16);
        QuantizedMultiplier m = QuantizedMultiplier.of((double) scale(op, in) / (double) scale(op, out), single);
        return new Requantize(storage[in.index()], off(in), storage[out.index()], off(out), count(out),
                zeroPoint(op, in), zeroPoint(op, out), m, single);
    }

    private Kernel dequantize(Operator op) throws ModelException {
        Tensor in = input(op, 0);
        Tensor out = output(op, 0);
        requireSameCount(op, in, out);
        requireType(op, in, TensorType.INT8, TensorType.INT16);
        requireType(op, out, TensorType.FLOAT32);
        if (quant(op, in).isPerChannel()) {
            throw opError(op, "per-channel DEQUANTIZE is not supported");
        }
        return new Dequantize(storage[in.index()], off(in), floats(out), off(out), count(out), scale(op, in),
                zeroPoint(op, in));
    }

    private QuantizedMultiplier[] perChannel(Operator op, Tensor in, Tensor filter, Tensor out, int channels,
                                             int quantizedDimension) throws ModelException {
        Quantization fq = quant(op, filter);
        if (fq.isPerChannel() && (fq.channelCount() != channels || fq.quantizedDimension() != quantizedDimension)) {
            throw opError(op, "filter has " + fq.channelCount() + " scales on dimension "
                    + fq.quantizedDimension() + " for " + channels + " output channels");
        }
        for (int c = 0; c < fq.channelCount(); c++) {
            if (fq.zeroPoint(c) != 0) {
                throw opError(op, "filter zero point " + fq.zeroPoint(c) + " at channel " + c + " is not 0");
            }
        }
        double sIn = scale(op, in);
        double sOut = scale(op, out);
        QuantizedMultiplier[] m = new QuantizedMultiplier[channels];
        for (int c = 0; c < channels; c++) {
            double sW = fq.isPerChannel() ? fq.scale(c) : fq.scale0();
            m[c] = QuantizedMultiplier.of(sIn * sW / sOut, single);
        }
        return m;
    }

    private ConvGeometry geometry(Operator op, Tensor in, Tensor out, int fh, int fw, Padding padding, int strideH,
                                  int strideW, int dilH, int dilW) throws ModelException {
        requireRank(op, in, 4);
        requireRank(op, out, 4);
        // bounds keep every window coordinate the kernels compute inside int range
        final int limit = 1 << 24;
        if (strideH <= 0 || strideW <= 0 || dilH <= 0 || dilW <= 0 || fh <= 0 || fw <= 0 || strideH > limit
                || strideW > limit || (long) (fh - 1) * dilH >= limit || (long) (fw - 1) * dilW >= limit
                || in.dim(1) >= limit || in.dim(2) >= limit) {
            throw opError(op, String.format(Locale.ROOT, "invalid window %dx%d stride %d,%d dilation %d,%d", fh, fw,
                    strideH, strideW, dilH, dilW));
        }
        int inH = in.dim(1);
        int inW = in.dim(2);
        int outH = ConvGeometry.outSize(padding, inH, fh, strideH, dilH);
        int outW = ConvGeometry.outSize(padding, inW, fw, strideW, dilW);
        if (out.dim(0) != in.dim(0) || out.dim(1) != outH || out.dim(2) != outW) {
            throw opError(op, String.format(Locale.ROOT, "output shape %s, expected [%d,%d,%d,*]",
                    Arrays.toString(out.shape()), in.dim(0), outH, outW));
        }
        int padH = ConvGeometry.padding(strideH, dilH, inH, fh, outH);
        int padW = ConvGeometry.padding(strideW, dilW, inW, fw, outW);
        return new ConvGeometry(in.dim(0), inH, inW, in.dim(3), outH, outW, out.dim(3), fh, fw, strideH, strideW,
                dilH, dilW, padH, padW);
    }

    private Kernel conv2d(Operator op) throws ModelException {
        BuiltinOptions.Conv2D o = options(op, BuiltinOptions.Conv2D.class);
        Tensor in = input(op, 0);
        Tensor f = input(op, 1);
        Tensor bias = optionalInput(op, 2);
        Tensor out = output(op, 0);
        requireConstant(op, f, "filter");
        requireRank(op, f, 4);
        ConvGeometry geo = geometry(op, in, out, f.dim(1), f.dim(2), o.padding(), o.strideH(), o.strideW(),
                o.dilationH(), o.dilationW());
        int fic = f.dim(3);
        if (f.dim(0) != geo.outC() || fic == 0 || geo.inC() < fic || geo.inC() % fic != 0
                || geo.outC() % (geo.inC() / fic) != 0) {
            throw opError(op, "filter " + Arrays.toString(f.shape()) + " does not match input "
                    + Arrays.toString(in.shape()) + " and output " + Arrays.toString(out.shape()));
        }
        requireBias(op, bias, geo.outC());
        if (in.type() == TensorType.FLOAT32) {
            requireFloat32(op, f, out, bias);
            float[] r = floatRange(op, o.activation());
            return new Conv2DFloat(floats(in), off(in), floats(out), off(out), floats(f), fic,
                    bias == null ? null : floats(bias), geo, r[0], r[1]);
        }
        requireType(op, f, TensorType.INT8);
        QuantizedMultiplier[] m = perChannel(op, in, f, out, geo.outC(), 0);
        if (in.type() == TensorType.INT16) {
            requireType(op, out, TensorType.INT16);
            if (zeroPoint(op, in) != 0 || zeroPoint(op, out) != 0) {
                throw opError(op, "int16 activations need zero points of 0");
            }
            long[] b = null;
            boolean wide = false;
            if (bias != null) {
                requireType(op, bias, TensorType.INT32, TensorType.INT64);
                wide = bias.type() == TensorType.INT64;
                if (wide) {
                    b = (long[]) storage[bias.index()];
                } else {
                    b = Arrays.stream(ints(bias)).asLongStream().toArray();
                }
            }
            return new Conv2DInt16(shorts(in), off(in), shorts(out), off(out), bytes(f), fic, b, wide, m, geo,
                    range(op, o.activation(), out), single);
        }
        requireType(op, in, TensorType.INT8);
        requireType(op, out, TensorType.INT8);
        if (bias != null) {
            requireType(op, bias, TensorType.INT32);
        }
        return new Conv2DInt8(bytes(in), off(in), bytes(out), off(out), bytes(f), fic,
                bias == null ? null : ints(bias), m, geo, zeroPoint(op, in), zeroPoint(op, out),
                range(op, o.activation(), out), single);
    }

    private Kernel depthwise(Operator op) throws ModelException {
        BuiltinOptions.DepthwiseConv2D o = options(op, BuiltinOptions.DepthwiseConv2D.class);
        Tensor in = input(op, 0);
        Tensor f = input(op, 1);
        Tensor bias = optionalInput(op, 2);
        Tensor out = output(op, 0);
        requireConstant(op, f, "filter");
        requireRank(op, f, 4);
        ConvGeometry geo = geometry(op, in, out, f.dim(1), f.dim(2), o.padding(), o.strideH(), o.strideW(),
                o.dilationH(), o.dilationW());
        int dm = o.depthMultiplier();
        if (geo.inC() == 0 || dm <= 0 || f.dim(0) != 1 || f.dim(3) != geo.outC()
                || (long) geo.inC() * dm != geo.outC()) {
            throw opError(op, "filter " + Arrays.toString(f.shape()) + " with depth multiplier " + dm
                    + " does not match input " + Arrays.toString(in.shape()) + " and output "
                    + Arrays.toString(out.shape()));
        }
        requireBias(op, bias, geo.outC());
        if (in.type() == TensorType.FLOAT32) {
            requireFloat32(op, f, out, bias);
            float[] r = floatRange(op, o.activation());
            return new DepthwiseConv2DFloat(floats(in), off(in), floats(out), off(out), floats(f),
                    bias == null ? null : floats(bias), geo, dm, r[0], r[1]);
        }
        requireType(op, in, TensorType.INT8);
        requireType(op, f, TensorType.INT8);
        requireType(op, out, TensorType.INT8);
        if (bias != null) {
            requireType(op, bias, TensorType.INT32);
        }
        QuantizedMultiplier[] m = perChannel(op, in, f, out, geo.outC(), 3);
        return new DepthwiseConv2DInt8(bytes(in), off(in), bytes(out), off(out), bytes(f),
                bias == null ? null : ints(bias), m, geo, dm, zeroPoint(op, in), zeroPoint(op, out),
                range(op, o.activation(), out), single);
    }

    private Kernel pool(Operator op, boolean average) throws ModelException {
        BuiltinOptions.Pool2D o = options(op, BuiltinOptions.Pool2D.class);
        Tensor in = input(op, 0);
        Tensor out = output(op, 0);
        ConvGeometry geo = geometry(op, in, out, o.filterH(), o.filterW(), o.padding(), o.strideH(), o.strideW(), 1,
                1);
        if (geo.outC() != geo.inC()) {
            throw opError(op, "input and output depths differ");
        }
        if (in.type() == TensorType.FLOAT32) {
            requireType(op, out, TensorType.FLOAT32);
            float[] r = floatRange(op, o.activation());
            return new Pool2DFloat(floats(in), off(in), floats(out), off(out), geo, average, r[0], r[1]);
        }
        requireType(op, in, TensorType.INT8);
        requireType(op, out, TensorType.INT8);
        return new Pool2DInt8(bytes(in), off(in), bytes(out), off(out), geo, average,
                range(op, o.activation(), out));
    }

    private Kernel reshape(Operator op) throws ModelException {
        Tensor in = input(op, 0);
        Tensor out = output(op, 0);
        requireSameCount(op, in, out);
        if (in.type() != out.type()) {
            throw opError(op, "input and output types differ");
        }
        return new Copy(storage[in.index()], off(in), storage[out.index()], off(out), count(out));
    }

    private Kernel softmax(Operator op) throws ModelException {
        BuiltinOptions.Softmax o = options(op, BuiltinOptions.Softmax.class);
        Tensor in = input(op, 0);
        Tensor out = output(op, 0);
        requireSameCount(op, in, out);
        if (in.rank() == 0) {
            throw opError(op, "input must have at least one dimension");
        }
        int depth = in.dim(in.rank() - 1);
        int outer = depth == 0 ? 0 : count(in) / depth;
        if (in.type() == TensorType.FLOAT32) {
            requireType(op, out, TensorType.FLOAT32);
            return new SoftmaxFloat(floats(in), off(in), floats(out), off(out), outer, depth, o.beta());
        }
        requireType(op, in, TensorType.INT8);
        requireType(op, out, TensorType.INT8, TensorType.INT16);
        int expectedZp = out.type() == TensorType.INT8 ? -128 : -32768;
        if (zeroPoint(op, out) != expectedZp) {
            throw opError(op, "output zero point must be " + expectedZp);
        }
        return new SoftmaxInt8(bytes(in), off(in), storage[out.index()], off(out), outer, depth, o.beta(),
                scale(op, in), single);
    }

    private Kernel elementwise(Operator op, boolean add) throws ModelException {
        Activation act;
        if (op.options() instanceof BuiltinOptions.None) {
            act = Activation.NONE;
        } else if (add) {
            act = options(op, BuiltinOptions.Add.class).activation();
        } else {
            act = options(op, BuiltinOptions.Mul.class).activation();
        }
        Tensor a = input(op, 0);
        Tensor b = input(op, 1);
        Tensor out = output(op, 0);
        Broadcast bc;
        try {
            bc = Broadcast.of(a.shape(), b.shape(), out.shape());
        } catch (IllegalArgumentException e) {
            throw opError(op, "shapes " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape())
                    + " do not broadcast to " + Arrays.toString(out.shape()));
        }
        if (out.type() == TensorType.FLOAT32) {
            requireType(op, a, TensorType.FLOAT32);
            requireType(op, b, TensorType.FLOAT32);
            float[] r = floatRange(op, act);
            return new ElementwiseFloat(add ? ElementwiseFloat.Op.ADD : ElementwiseFloat.Op.MUL, floats(a), off(a),
                    floats(b), off(b), floats(out), off(out), bc, r[0], r[1]);
        }
        requireType(op, a, TensorType.INT8);
        requireType(op, b, TensorType.INT8);
        requireType(op, out, TensorType.INT8);
        if (add) {
            return new AddInt8(bytes(a), off(a), bytes(b), off(b), bytes(out), off(out), bc, scale(op, a),
                    zeroPoint(op, a), scale(op, b), zeroPoint(op, b), scale(op, out), zeroPoint(op, out),
                    range(op, act, out), single);
        }
        return new MulInt8(bytes(a), off(a), bytes(b), off(b), bytes(out), off(out), bc, scale(op, a),
                zeroPoint(op, a), scale(op, b), zeroPoint(op, b), scale(op, out), zeroPoint(op, out),
                range(op, act, out), single);
    }

    private Kernel activation(Operator op, ActivationInt8.Function fn) throws ModelException {
        Tensor in = input(op, 0);
        Tensor out = output(op, 0);
        requireSameCount(op, in, out);
        if (in.type() == TensorType.FLOAT32) {
            requireType(op, out, TensorType.FLOAT32);
            return new ActivationFloat(fn, floats(in), off(in), floats(out), off(out), count(out));
        }
        requireType(op, in, TensorType.INT8);
        requireType(op, out, TensorType.INT8);
        int expectedZp = fn == ActivationInt8.Function.LOGISTIC ? -128 : 0;
        if (zeroPoint(op, out) != expectedZp) {
            throw opError(op, "output zero point must be " + expectedZp);
        }
        return new ActivationInt8(fn, bytes(in), off(in), bytes(out), off(out), count(out), scale(op, in),
                zeroPoint(op, in), single);
    }

    /** A convolution's optional bias: constant, one element per output channel. */
    private void requireBias(Operator op, Tensor bias, int outChannels) throws ModelException {
        if (bias != null) {
            requireConstant(op, bias, "bias");
            if (bias.elementCount() != outChannels) {
                throw opError(op, "bias has " + bias.elementCount() + " elements, expected " + outChannels);
            }
        }
    }

    /** The float32 form of a convolution: filter, output and the optional bias all float32. */
    private void requireFloat32(Operator op, Tensor filter, Tensor out, Tensor bias) throws ModelException {
        requireType(op, filter, TensorType.FLOAT32);
        requireType(op, out, TensorType.FLOAT32);
        if (bias != null) {
            requireType(op, bias, TensorType.FLOAT32);
        }
    }
}
