package io.visionstreams.inference.convert.tfjs;

import java.util.Arrays;

/**
 * A TF {@code Conv2D} or {@code DepthwiseConv2dNative} converted to MXNet's layout (OIHW weights,
 * kernel rotated 180° for the flipped input) with everything folded into it so far: batch-norm
 * scales multiply the weights, shifts and biases accumulate in {@code bias}. Immutable.
 *
 * @param name     MXNet node name (the layer's TF scope)
 * @param input    the (flipped) input feature map
 * @param weights  OIHW, {@code [outChannels, inChannels / groups, kh, kw]}
 * @param bias     per output channel, or {@code null} while nothing was added
 */
record FoldedConv(String name, Value.Feature input, int kernelH, int kernelW, int stride, int padH, int padW,
                  int groups, int outChannels, int outH, int outW, float[] weights, float[] bias) {

    /** From a TF filter: Conv2D HWIO {@code [kh, kw, in, out]} or depthwise {@code [kh, kw, in, multiplier]}. */
    static FoldedConv of(String name, Value.Feature input, TfjsTensor filter, boolean depthwise, int stride,
                         int padH, int padW, int outH, int outW) {
        int[] s = filter.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException(filter.name() + " is not a 4-D filter: " + Arrays.toString(s));
        }
        int kh = s[0];
        int kw = s[1];
        int in = s[2];
        int last = s[3];
        if (in != input.channels()) {
            throw new IllegalArgumentException(name + ": filter expects " + in + " channels, input has "
                    + input.channels());
        }
        int out = depthwise ? in * last : last;
        int inPerGroup = depthwise ? 1 : in;
        float[] f = filter.floatValues();
        float[] w = new float[out * inPerGroup * kh * kw];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int j = 0; j < last; j++) {
                        int o = depthwise ? i * last + j : j;
                        int ig = depthwise ? 0 : i;
                        // rotate 180°: the network sees the flipped image
                        int dst = ((o * inPerGroup + ig) * kh + (kh - 1 - y)) * kw + (kw - 1 - x);
                        w[dst] = f[((y * kw + x) * in + i) * last + j];
                    }
                }
            }
        }
        return new FoldedConv(name, input, kh, kw, stride, padH, padW, depthwise ? in : 1, out, outH, outW, w, null);
    }

    /** {@code conv(x) * scale} per output channel. */
    FoldedConv scaled(float[] scale) {
        checkChannels(scale, "scale");
        float[] w = weights.clone();
        int per = w.length / outChannels;
        for (int o = 0; o < outChannels; o++) {
            for (int k = 0; k < per; k++) {
                w[o * per + k] *= scale[o];
            }
        }
        float[] b = null;
        if (bias != null) {
            b = bias.clone();
            for (int o = 0; o < outChannels; o++) {
                b[o] *= scale[o];
            }
        }
        return with(w, b);
    }

    /** {@code conv(x) + shift} per output channel. */
    FoldedConv shifted(float[] shift) {
        checkChannels(shift, "shift");
        float[] b = bias == null ? new float[outChannels] : bias.clone();
        for (int o = 0; o < outChannels; o++) {
            b[o] += shift[o];
        }
        return with(weights, b);
    }

    /** Inference batch norm {@code (conv(x) - mean) * gamma / sqrt(var + eps) + beta}, folded in double. */
    FoldedConv batchNormed(float[] gamma, float[] beta, float[] mean, float[] variance, float epsilon) {
        float[] scale = new float[outChannels];
        float[] shift = new float[outChannels];
        for (int o = 0; o < outChannels; o++) {
            double s = gamma[o] / Math.sqrt((double) variance[o] + epsilon);
            scale[o] = (float) s;
            shift[o] = (float) (beta[o] - mean[o] * s);
        }
        return scaled(scale).shifted(shift);
    }

    private FoldedConv with(float[] w, float[] b) {
        return new FoldedConv(name, input, kernelH, kernelW, stride, padH, padW, groups, outChannels, outH, outW,
                w, b);
    }

    private void checkChannels(float[] v, String what) {
        if (v.length != outChannels) {
            throw new IllegalArgumentException(name + ": " + what + " has " + v.length + " values for "
                    + outChannels + " channels");
        }
    }
}
