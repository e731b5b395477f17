"""Operator-family cases, part 1: convolution, pooling, normalisation, activations, softmax and loss outputs,
dense algebra, recurrent and vision operators, each with non-default attributes. Symbols are built with
mx.sym as 1.x users did and saved with mx.model.save_checkpoint or Module.save_checkpoint."""
import mxnet as mx
import numpy as np

from .common import case

V = mx.sym.Variable
G = mx.sym.Group


# MARK: - Convolution

@case("conv1d_stride_dilate", "Convolution 1-D: kernel 3, stride 2, dilate 2, pad 1, 4 filters")
def conv1d(c):
    s = mx.sym.Convolution(V("data"), kernel=(3,), stride=(2,), dilate=(2,), pad=(1,), num_filter=4, name="conv")
    return c.symbolic(s, {"data": c.normal(2, 3, 11)})


@case("conv2d_groups_asymmetric", "Convolution 2-D: 2 groups, stride (2,1), dilate (1,2), pad (1,2)")
def conv2d_groups(c):
    s = mx.sym.Convolution(V("data"), kernel=(3, 3), stride=(2, 1), dilate=(1, 2), pad=(1, 2), num_filter=6,
                           num_group=2, name="conv")
    return c.symbolic(s, {"data": c.normal(1, 4, 7, 8)})


@case("conv2d_depthwise_nobias", "Convolution 2-D depthwise (num_group = channels), no bias, then 1x1 conv")
def conv2d_depthwise(c):
    dw = mx.sym.Convolution(V("data"), kernel=(3, 3), pad=(1, 1), num_filter=4, num_group=4, no_bias=True,
                            name="dw")
    s = mx.sym.Convolution(dw, kernel=(1, 1), num_filter=5, name="pw")
    return c.symbolic(s, {"data": c.normal(2, 4, 5, 6)})


@case("conv3d_stride_pad", "Convolution 3-D: kernel (2,3,3), stride (1,2,2), pad (1,1,0), dilate (1,1,2), no bias")
def conv3d(c):
    s = mx.sym.Convolution(V("data"), kernel=(2, 3, 3), stride=(1, 2, 2), pad=(1, 1, 0), dilate=(1, 1, 2),
                           num_filter=3, no_bias=True, name="conv")
    return c.symbolic(s, {"data": c.normal(1, 2, 4, 6, 7)})


@case("deconv2d_adj", "Deconvolution 2-D: kernel 3, stride 2, pad 1, adj 1")
def deconv2d_adj(c):
    s = mx.sym.Deconvolution(V("data"), kernel=(3, 3), stride=(2, 2), pad=(1, 1), adj=(1, 1), num_filter=3,
                             no_bias=False, name="deconv")
    return c.symbolic(s, {"data": c.normal(1, 4, 4, 5)})


@case("deconv2d_target_shape_groups", "Deconvolution 2-D: target_shape (9,10), 2 groups, no bias",
      env={"MXNET_MKLDNN_ENABLED": "0"})
def deconv2d_target(c):
    s = mx.sym.Deconvolution(V("data"), kernel=(4, 4), stride=(2, 2), target_shape=(9, 10), num_filter=4,
                             num_group=2, no_bias=True, name="deconv")
    return c.symbolic(s, {"data": c.normal(1, 4, 4, 5)},
                      notes="MXNet 1.9.1's oneDNN path fails on a target_shape that trims the output ('could not "
                            "create a descriptor for a dilated deconvolution forward propagation primitive'); the "
                            "expectation comes from MXNet 1.9.1's own CPU kernel (MXNET_MKLDNN_ENABLED=0)")


@case("deconv2d_target_shape_exact", "Deconvolution 2-D: target_shape equal to the natural size, 2 groups")
def deconv2d_target_exact(c):
    s = mx.sym.Deconvolution(V("data"), kernel=(3, 3), stride=(2, 2), target_shape=(9, 11), num_filter=4,
                             num_group=2, name="deconv")
    return c.symbolic(s, {"data": c.normal(1, 4, 4, 5)})


@case("deconv1d_dilate", "Deconvolution 1-D: kernel 3, stride 3, dilate 2, pad 1")
def deconv1d(c):
    s = mx.sym.Deconvolution(V("data"), kernel=(3,), stride=(3,), dilate=(2,), pad=(1,), num_filter=2,
                             no_bias=False, name="deconv")
    return c.symbolic(s, {"data": c.normal(2, 3, 5)})


# MARK: - Pooling

@case("pooling_conventions", "Pooling max/avg/sum with valid and full conventions, padding, count_include_pad")
def pooling_conventions(c):
    x = V("data")
    s = G([
        mx.sym.Pooling(x, kernel=(3, 3), stride=(2, 2), pad=(1, 1), pool_type="max", pooling_convention="full",
                       name="max_full"),
        mx.sym.Pooling(x, kernel=(3, 3), stride=(2, 2), pad=(1, 1), pool_type="avg", pooling_convention="valid",
                       count_include_pad=False, name="avg_valid_excl"),
        mx.sym.Pooling(x, kernel=(3, 2), stride=(2, 2), pad=(1, 1), pool_type="avg", pooling_convention="full",
                       count_include_pad=True, name="avg_full_incl"),
        mx.sym.Pooling(x, kernel=(2, 2), stride=(2, 3), pool_type="sum", name="sum"),
    ])
    return c.symbolic(s, {"data": c.normal(1, 2, 7, 8)})


@case("pooling_lp_global", "Pooling lp (p 1, 2, 3) and global max/avg/sum pooling")
def pooling_lp_global(c):
    x = V("data")
    s = G([
        mx.sym.Pooling(x, kernel=(2, 2), stride=(1, 1), pool_type="lp", p_value=2, name="lp2"),
        mx.sym.Pooling(x, kernel=(3, 3), stride=(2, 2), pad=(1, 1), pool_type="lp", p_value=3, name="lp3"),
        mx.sym.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type="lp", p_value=1, name="lp1"),
        mx.sym.Pooling(x, kernel=(1, 1), global_pool=True, pool_type="max", name="gmax"),
        mx.sym.Pooling(x, kernel=(3, 3), global_pool=True, pool_type="avg", name="gavg"),
        mx.sym.Pooling(x, global_pool=True, pool_type="sum", name="gsum"),
    ])
    return c.symbolic(s, {"data": c.uniform(0.1, 2.0, 2, 3, 5, 6)})


@case("pooling_1d_3d", "Pooling 1-D max (full convention) and 3-D avg; two data inputs")
def pooling_1d_3d(c):
    s = G([
        mx.sym.Pooling(V("seq"), kernel=(3,), stride=(2,), pool_type="max", pooling_convention="full", name="p1"),
        mx.sym.Pooling(V("vol"), kernel=(2, 2, 2), stride=(2, 1, 2), pad=(0, 1, 1), pool_type="avg", name="p3"),
    ])
    return c.symbolic(s, {"seq": c.normal(2, 3, 10), "vol": c.normal(1, 2, 4, 5, 6)})


# MARK: - Normalisation

@case("batchnorm_fix_gamma", "BatchNorm with fix_gamma=True (stored gamma ignored), eps 1e-3, moving statistics")
def batchnorm_fix_gamma(c):
    s = mx.sym.BatchNorm(V("data"), fix_gamma=True, eps=1e-3, momentum=0.8, name="bn")
    return c.symbolic(s, {"data": c.normal(2, 3, 4, 4)})


@case("batchnorm_global_stats_axis", "BatchNorm fix_gamma=False, use_global_stats=True, axis=-1 (channels last)")
def batchnorm_axis(c):
    x = V("data")
    bn = mx.sym.BatchNorm(x, fix_gamma=False, use_global_stats=True, axis=-1, eps=2e-5, name="bn_last")
    bn2 = mx.sym.BatchNorm(mx.sym.Flatten(x), fix_gamma=False, name="bn_flat")
    return c.symbolic(G([bn, bn2]), {"data": c.normal(2, 4, 5, 3)})


@case("layernorm_instancenorm", "LayerNorm on the last axis and axis 1 (with mean/std outputs), InstanceNorm")
def layer_instance_norm(c):
    x = V("data")
    s = G([
        mx.sym.LayerNorm(x, axis=-1, eps=1e-5, name="ln_last"),
        mx.sym.LayerNorm(x, axis=1, eps=1e-3, output_mean_var=True, name="ln_axis1"),
        mx.sym.InstanceNorm(x, eps=1e-3, name="inorm"),
    ])
    return c.symbolic(s, {"data": c.normal(2, 3, 4, 5)})


@case("groupnorm", "GroupNorm with 2 groups, eps 1e-4")
def groupnorm(c):
    s = mx.sym.GroupNorm(V("data"), num_groups=2, eps=1e-4, name="gn")
    return c.symbolic(s, {"data": c.normal(2, 4, 3, 3)})


@case("l2normalization_lrn", "L2Normalization in instance/channel/spatial modes and LRN (nsize 3)")
def l2norm_lrn(c):
    x = V("data")
    s = G([
        mx.sym.L2Normalization(x, mode="instance", eps=1e-8, name="l2_instance"),
        mx.sym.L2Normalization(x, mode="channel", name="l2_channel"),
        mx.sym.L2Normalization(x, mode="spatial", name="l2_spatial"),
        mx.sym.LRN(x, nsize=3, alpha=0.01, beta=0.6, knorm=1.5, name="lrn"),
    ])
    return c.symbolic(s, {"data": c.normal(2, 5, 3, 4)})


# MARK: - Activations

@case("activation_types", "Activation relu/sigmoid/tanh/softrelu/softsign")
def activation_types(c):
    x = V("data")
    s = G([mx.sym.Activation(x, act_type=t, name=t) for t in ("relu", "sigmoid", "tanh", "softrelu", "softsign")])
    return c.symbolic(s, {"data": c.normal(3, 7, scale=2.0)})


@case("leakyrelu_types", "LeakyReLU leaky/elu/selu/gelu/prelu/rrelu (rrelu at inference)")
def leakyrelu_types(c):
    x = V("data")
    s = G([
        mx.sym.LeakyReLU(x, act_type="leaky", slope=0.2, name="leaky"),
        mx.sym.LeakyReLU(x, act_type="elu", slope=0.5, name="elu"),
        mx.sym.LeakyReLU(x, act_type="selu", name="selu"),
        mx.sym.LeakyReLU(x, act_type="gelu", name="gelu"),
        mx.sym.LeakyReLU(x, act_type="prelu", gamma=V("prelu_gamma"), name="prelu"),
        # rrelu's second output is its mask, left unwritten at inference: only the first is a head
        mx.sym.LeakyReLU(x, act_type="rrelu", lower_bound=0.1, upper_bound=0.4, name="rrelu")[0],
    ])
    return c.symbolic(s, {"data": c.normal(2, 3, 4, scale=2.0)})


@case("hard_sigmoid_smooth_l1_clip", "hard_sigmoid (alpha, beta), smooth_l1 (scalar), clip, relu via Activation")
def hard_sigmoid_smooth_l1(c):
    x = V("data")
    s = G([
        mx.sym.hard_sigmoid(x, alpha=0.3, beta=0.4),
        mx.sym.smooth_l1(x, scalar=1.5),
        mx.sym.clip(x, a_min=-0.5, a_max=0.7),
    ])
    return c.symbolic(s, {"data": c.normal(4, 6, scale=2.0)})


# MARK: - Softmax and loss outputs

@case("softmax_family", "softmax (axis 1, temperature 2), log_softmax (axis 0), softmin, softmax with lengths")
def softmax_family(c):
    x = V("data")
    s = G([
        mx.sym.softmax(x, axis=1, temperature=2.0),
        mx.sym.log_softmax(x, axis=0),
        mx.sym.softmin(x, axis=-1),
        mx.sym.softmax(x, V("length"), axis=-1, use_length=True),
    ])
    return c.symbolic(s, {"data": c.normal(2, 3, 5), "length": c.integers(1, 6, 2, 3, dtype="int32")})


@case("softmax_activation", "SoftmaxActivation in channel mode (4-D) and instance mode (2-D)")
def softmax_activation(c):
    s = G([
        mx.sym.SoftmaxActivation(V("maps"), mode="channel", name="channel"),
        mx.sym.SoftmaxActivation(V("vectors"), mode="instance", name="instance"),
    ])
    return c.symbolic(s, {"maps": c.normal(2, 3, 2, 2), "vectors": c.normal(2, 5)})


@case("softmax_output_classifier", "FullyConnected + SoftmaxOutput; the label input is left unbound at inference")
def softmax_output(c):
    fc = mx.sym.FullyConnected(V("data"), num_hidden=4, name="fc")
    s = mx.sym.SoftmaxOutput(fc, name="softmax", ignore_label=2, use_ignore=True, normalization="valid")
    return c.symbolic(s, {"data": c.normal(3, 6)}, labels=("softmax_label",), api="module")


@case("softmax_output_multi", "SoftmaxOutput multi_output=True on 4-D maps and preserve_shape=True on 3-D")
def softmax_output_multi(c):
    s = G([
        mx.sym.SoftmaxOutput(V("maps"), V("maps_label"), multi_output=True, name="seg"),
        mx.sym.SoftmaxOutput(V("seq"), V("seq_label"), preserve_shape=True, name="tok"),
    ])
    return c.symbolic(s, {"maps": c.normal(2, 3, 2, 3), "seq": c.normal(2, 3, 4)},
                      labels=("maps_label", "seq_label"), api="module")


@case("regression_outputs", "LinearRegressionOutput, LogisticRegressionOutput, MAERegressionOutput, SVMOutput")
def regression_outputs(c):
    x = V("data")
    s = G([
        mx.sym.LinearRegressionOutput(x, V("lin_label"), grad_scale=2.0, name="lin"),
        mx.sym.LogisticRegressionOutput(x, V("log_label"), name="log"),
        mx.sym.MAERegressionOutput(x, V("mae_label"), name="mae"),
        mx.sym.SVMOutput(x, V("svm_label"), margin=0.5, use_linear=True, name="svm"),
    ])
    return c.symbolic(s, {"data": c.normal(3, 4)}, labels=("lin_label", "log_label", "mae_label", "svm_label"),
                      api="module")


@case("make_loss_blockgrad_identity", "MakeLoss, make_loss, BlockGrad, stop_gradient, identity, Dropout at inference")
def loss_helpers(c):
    x = V("data")
    y = mx.sym.FullyConnected(x, num_hidden=3, name="fc")
    s = G([
        mx.sym.MakeLoss(mx.sym.square(y), grad_scale=0.5, name="loss"),
        mx.sym.make_loss(mx.sym.sum(y, axis=1), name="loss2"),
        mx.sym.BlockGrad(y, name="frozen"),
        mx.sym.stop_gradient(y * 2, name="frozen2"),
        mx.sym.identity(y, name="copy"),
        mx.sym.Dropout(y, p=0.5, name="drop"),
        mx.sym.Dropout(x, p=0.3, axes=(1,), name="drop_axes"),
    ])
    return c.symbolic(s, {"data": c.normal(2, 5)})


# MARK: - Dense algebra

@case("fullyconnected_dot_gemm", "FullyConnected flatten=False / no_bias on 4-D, dot with transposes, batch_dot, "
      "linalg_gemm2")
def fc_dot(c):
    a, b, m = V("a"), V("b"), V("m")
    s = G([
        mx.sym.FullyConnected(a, num_hidden=5, flatten=False, name="fc_seq"),
        mx.sym.FullyConnected(m, num_hidden=3, no_bias=True, name="fc_flat"),
        mx.sym.dot(mx.sym.Reshape(a, shape=(-1, 4)), b, transpose_a=True, name="dot_ta"),
        mx.sym.dot(a, b, transpose_b=True, name="dot_3d"),
        mx.sym.batch_dot(a, a, transpose_b=True, name="bdot"),
        mx.sym.linalg_gemm2(a, a, alpha=0.5, transpose_a=True, name="gemm2"),
    ])
    return c.symbolic(s, {"a": c.normal(2, 3, 4), "b": c.normal(6, 4), "m": c.normal(2, 2, 2, 3)})


# MARK: - Recurrent

@case("rnn_lstm_two_layers", "RNN op, LSTM, 2 layers, state outputs; begin states are inputs")
def rnn_lstm(c):
    s = mx.sym.RNN(V("data"), V("rnn_parameters"), V("state"), V("state_cell"), state_size=4, num_layers=2,
                   mode="lstm", state_outputs=True, name="rnn")
    return c.symbolic(s, {"data": c.normal(5, 2, 3), "state": c.normal(2, 2, 4, scale=0.5),
                          "state_cell": c.normal(2, 2, 4, scale=0.5)})


@case("rnn_gru_bidirectional", "RNN op, GRU, bidirectional, 1 layer, state outputs")
def rnn_gru(c):
    s = mx.sym.RNN(V("data"), V("rnn_parameters"), V("state"), state_size=3, num_layers=1, mode="gru",
                   bidirectional=True, state_outputs=True, name="rnn")
    return c.symbolic(s, {"data": c.normal(4, 2, 5), "state": c.normal(2, 2, 3, scale=0.5)})


@case("rnn_tanh_relu", "RNN op, rnn_tanh (2 layers) and rnn_relu (bidirectional) without state outputs")
def rnn_vanilla(c):
    x = V("data")
    s = G([
        mx.sym.RNN(x, V("tanh_parameters"), V("tanh_state"), state_size=3, num_layers=2,
                   mode="rnn_tanh", name="tanh_rnn"),
        mx.sym.RNN(x, V("relu_parameters"), V("relu_state"), state_size=2, num_layers=1,
                   mode="rnn_relu", bidirectional=True, name="relu_rnn"),
    ])
    return c.symbolic(s, {"data": c.normal(3, 2, 4), "tanh_state": c.normal(2, 2, 3, scale=0.5),
                          "relu_state": c.normal(2, 2, 2, scale=0.5)})


@case("sequence_ops", "SequenceMask (value -1), SequenceLast and SequenceReverse with sequence lengths; axis 1")
def sequence_ops(c):
    x, n = V("data"), V("lengths")
    s = G([
        mx.sym.SequenceMask(x, n, use_sequence_length=True, value=-1.0),
        mx.sym.SequenceLast(x, n, use_sequence_length=True),
        mx.sym.SequenceReverse(x, n, use_sequence_length=True),
        mx.sym.SequenceLast(mx.sym.SwapAxis(x, dim1=0, dim2=1), axis=1),
        mx.sym.SequenceMask(mx.sym.SwapAxis(x, dim1=0, dim2=1), n, use_sequence_length=True, axis=1),
    ])
    return c.symbolic(s, {"data": c.normal(4, 3, 2), "lengths": c.integers(1, 5, 3)})


# MARK: - Vision

@case("upsampling_bilinear_resize", "UpSampling nearest (one and two inputs), _contrib_BilinearResize2D sizes, "
      "scales, align_corners=False")
def upsampling_resize(c):
    x, y = V("data"), V("small")
    s = G([
        mx.sym.UpSampling(x, scale=2, sample_type="nearest", num_args=1, name="up2"),
        mx.sym.UpSampling(x, y, scale=2, sample_type="nearest", num_args=2, multi_input_mode="sum", name="up_sum"),
        mx.sym.contrib.BilinearResize2D(x, height=5, width=7, name="resize_hw"),
        mx.sym.contrib.BilinearResize2D(x, scale_height=2.0, scale_width=1.5, align_corners=False,
                                        name="resize_scale"),
    ])
    return c.symbolic(s, {"data": c.normal(1, 2, 3, 4), "small": c.normal(1, 2, 3, 4)})


@case("roi_pooling", "ROIPooling pooled_size (2,3), spatial_scale 0.5, three regions over two images")
def roi_pooling(c):
    rois = [[0, 0, 0, 7, 7], [1, 2, 4, 13, 11], [0, 6, 2, 9, 15]]
    s = mx.sym.ROIPooling(V("data"), V("rois"), pooled_size=(2, 3), spatial_scale=0.5, name="roi")
    return c.symbolic(s, {"data": c.normal(2, 3, 8, 8), "rois": np.array(rois, dtype="float32")})
