"""Whole models: small real architectures (hand-built LeNet, gluon model-zoo building blocks), gluon layer and RNN
exports, a model trained with Module.fit, half- and double-precision models, and files whose graphs use
shape/dtype hints, internal outputs and shared weights."""
import mxnet as mx
import numpy as np
from mxnet import gluon
from mxnet.gluon import nn, rnn
from mxnet.gluon.model_zoo.vision import densenet, inception, mobilenet, resnet, squeezenet

from . import common
from .common import case

V = mx.sym.Variable
G = mx.sym.Group


# MARK: - Real architectures

@case("lenet_checkpoint", "LeNet-style CNN (conv-tanh-pool x2, FC-tanh-FC, SoftmaxOutput) via save_checkpoint")
def lenet(c):
    x = V("data")
    x = mx.sym.Convolution(x, kernel=(5, 5), num_filter=6, pad=(2, 2), name="conv1")
    x = mx.sym.Activation(x, act_type="tanh", name="tanh1")
    x = mx.sym.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type="max", name="pool1")
    x = mx.sym.Convolution(x, kernel=(5, 5), num_filter=8, name="conv2")
    x = mx.sym.Activation(x, act_type="tanh", name="tanh2")
    x = mx.sym.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type="avg", name="pool2")
    x = mx.sym.Flatten(x, name="flatten")
    x = mx.sym.FullyConnected(x, num_hidden=24, name="fc1")
    x = mx.sym.Activation(x, act_type="tanh", name="tanh3")
    x = mx.sym.FullyConnected(x, num_hidden=10, name="fc2")
    s = mx.sym.SoftmaxOutput(x, name="softmax")
    return c.symbolic(s, {"data": c.normal(2, 1, 16, 16)}, labels=("softmax_label",))


class TinyResNet(gluon.HybridBlock):
    """A stem, model-zoo residual blocks (v1 basic, v1 downsampling, v2 bottleneck) and a classifier."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.stem = nn.HybridSequential(prefix="stem_")
            self.stem.add(nn.Conv2D(8, 3, padding=1, use_bias=False), nn.BatchNorm(), nn.Activation("relu"),
                          nn.MaxPool2D(3, 2, 1))
            self.blocks = nn.HybridSequential(prefix="blocks_")
            self.blocks.add(resnet.BasicBlockV1(8, 1, in_channels=8),
                            resnet.BasicBlockV1(12, 2, downsample=True, in_channels=8),
                            resnet.BottleneckV2(16, 1, downsample=True, in_channels=12))
            self.head = nn.HybridSequential(prefix="head_")
            self.head.add(nn.BatchNorm(), nn.Activation("relu"), nn.GlobalAvgPool2D(), nn.Flatten(), nn.Dense(5))

    def hybrid_forward(self, F, x):
        return self.head(self.blocks(self.stem(x)))


@case("resnet_tiny_gluon", "Tiny ResNet from model-zoo BasicBlockV1 / BottleneckV2 blocks, exported from gluon")
def resnet_tiny(c):
    return c.gluon(TinyResNet(prefix="tinyresnet_"), {"data": c.normal(2, 3, 12, 12)})


@case("mobilenet_v2_blocks_gluon", "MobileNetV2 stem + LinearBottleneck blocks (depthwise, RELU6 clip, residual)")
def mobilenet_blocks(c):
    net = nn.HybridSequential(prefix="mbv2_")
    with net.name_scope():
        net.add(nn.Conv2D(8, 3, strides=2, padding=1, use_bias=False), nn.BatchNorm(), mobilenet.RELU6(),
                mobilenet.LinearBottleneck(8, 8, 2, 1), mobilenet.LinearBottleneck(8, 12, 3, 2),
                nn.GlobalAvgPool2D(), nn.Flatten(), nn.Dense(4))
    return c.gluon(net, {"data": c.normal(1, 3, 16, 16)})


@case("squeezenet_densenet_blocks_gluon", "SqueezeNet fire modules and a DenseNet dense block + transition")
def squeeze_dense(c):
    net = nn.HybridSequential(prefix="sqd_")
    with net.name_scope():
        net.add(nn.Conv2D(8, 3, strides=2), nn.Activation("relu"), nn.MaxPool2D(3, 2, ceil_mode=True),
                squeezenet._make_fire(4, 6, 6), squeezenet._make_fire(4, 8, 8),
                densenet._make_dense_block(2, 2, 4, 0, 1), densenet._make_transition(8),
                nn.GlobalAvgPool2D(), nn.Flatten(), nn.Dense(3))
    return c.gluon(net, {"data": c.normal(1, 3, 21, 21)})


@case("inception_block_gluon", "Inception v3 block A (four branches, concat, avg pool with padding)")
def inception_block(c):
    net = nn.HybridSequential(prefix="incep_")
    with net.name_scope():
        net.add(inception._make_A(4, "A1_"), nn.GlobalAvgPool2D(), nn.Dense(3))
    return c.gluon(net, {"data": c.normal(1, 3, 7, 7)}, rtol=2e-4, atol=2e-5)


# MARK: - Gluon layers and RNNs

class ConvLayers(gluon.HybridBlock):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.c2 = nn.Conv2D(6, (3, 2), strides=(1, 2), padding=(2, 1), dilation=(2, 1), groups=2,
                                in_channels=4, activation="relu")
            self.t2 = nn.Conv2DTranspose(4, 3, strides=2, padding=1, output_padding=1, in_channels=6)
            self.mp = nn.MaxPool2D(3, 2, ceil_mode=True)
            self.ap = nn.AvgPool2D(2, 1, padding=1, count_include_pad=False)
            self.pad = nn.ReflectionPad2D(1)
            self.bnr = nn.BatchNormReLU(in_channels=4)
            self.inorm = nn.InstanceNorm(in_channels=4)
            self.gnorm = nn.GroupNorm(num_groups=2)
            self.c1 = nn.Conv1D(3, 3, padding=1, in_channels=4)
            self.p1 = nn.MaxPool1D(2)
            self.c3 = nn.Conv3D(2, (1, 2, 2), in_channels=1)
            self.p3 = nn.GlobalAvgPool3D()
            self.gmp = nn.GlobalMaxPool2D()
            self.dense = nn.Dense(3, flatten=True)

    def hybrid_forward(self, F, x):
        y = self.c2(x)
        y = self.t2(y)
        y = self.ap(self.mp(y))
        y = self.gnorm(self.inorm(self.bnr(self.pad(y))))
        seq = self.p1(self.c1(F.reshape(y, shape=(0, 0, -1))))
        vol = self.p3(self.c3(F.expand_dims(F.slice_axis(y, axis=1, begin=0, end=1), axis=1)))
        return self.dense(seq), self.gmp(y), vol


@case("gluon_conv_layers", "gluon Conv1D/2D/3D, Conv2DTranspose(output_padding), pools (ceil_mode, "
      "count_include_pad), ReflectionPad2D, BatchNormReLU, InstanceNorm, GroupNorm, exported")
def gluon_conv(c):
    return c.gluon(ConvLayers(prefix="convlayers_"), {"data": c.normal(2, 4, 9, 10)})


class DenseLayers(gluon.HybridBlock):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.embed = nn.Embedding(12, 6)
            self.d1 = nn.Dense(8, flatten=False, activation="tanh")
            self.ln = nn.LayerNorm()
            self.acts = [nn.LeakyReLU(0.1), nn.PReLU(), nn.ELU(0.7), nn.SELU(), nn.Swish(1.5), nn.GELU(),
                         nn.Activation("softrelu")]
            for i, a in enumerate(self.acts):
                self.register_child(a, "act%d" % i)
            self.drop = nn.Dropout(0.4)
            self.lam = nn.HybridLambda(lambda F, v: F.relu(v) * 2 - F.sigmoid(v))
            self.out = nn.Dense(5)

    def hybrid_forward(self, F, tokens, feats):
        h = F.broadcast_add(self.ln(self.d1(self.embed(tokens))), F.expand_dims(feats, axis=1))
        outs = [a(h) for a in self.acts]
        return self.out(self.drop(self.lam(F.add_n(*outs)))), F.softmax(outs[0], axis=-1)


@case("gluon_dense_activation_layers", "gluon Embedding, Dense(flatten=False), LayerNorm, LeakyReLU, PReLU, ELU, "
      "SELU, Swish, GELU, Dropout, HybridLambda; two inputs")
def gluon_dense(c):
    return c.gluon(DenseLayers(prefix="denselayers_"),
                   {"data0": c.integers(0, 12, 2, 3), "data1": c.normal(2, 8)})


class LanguageModel(gluon.HybridBlock):
    def __init__(self, vocab, embed, hidden, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.embedding = nn.Embedding(vocab, embed)
            self.lstm = rnn.LSTM(hidden, num_layers=2, layout="NTC", input_size=embed)
            self.decoder = nn.Dense(vocab, flatten=False, in_units=hidden)

    def hybrid_forward(self, F, tokens):
        return self.decoder(self.lstm(self.embedding(tokens)))


@case("rnn_language_model_gluon", "RNN language model: Embedding + 2-layer gluon.rnn.LSTM (NTC) + Dense, "
      "hybridized and exported (RNN, _rnn_param_concat, _zeros with unknown batch)")
def language_model(c):
    return c.gluon(LanguageModel(20, 8, 6, prefix="lm_"), {"data": c.integers(0, 20, 2, 5)})


class RecurrentLayers(gluon.HybridBlock):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.name_scope():
            self.cell = rnn.GRUCell(5, input_size=3)
            self.birnn = rnn.RNN(4, num_layers=1, activation="relu", bidirectional=True, input_size=3)
            self.gru = rnn.GRU(3, num_layers=2, layout="NTC", input_size=3)
            self.lstmp = rnn.LSTM(4, projection_size=2, input_size=3)

    def hybrid_forward(self, F, x):
        outs, _ = self.cell.unroll(4, x, layout="TNC", merge_outputs=True)
        return outs, self.birnn(x), self.gru(F.swapaxes(x, 0, 1)), self.lstmp(x)


@case("gluon_rnn_layers", "gluon GRUCell unrolled, bidirectional rnn_relu RNN layer, GRU (NTC), LSTM with "
      "projection, exported")
def gluon_rnn(c):
    return c.gluon(RecurrentLayers(prefix="rnnlayers_"), {"data": c.normal(4, 2, 3)})


# MARK: - Trained with Module.fit

@case("module_fit_trained", "conv + BatchNorm + FC classifier trained for 3 epochs with Module.fit on seeded "
      "random batches, then Module.save_checkpoint (trained weights and running statistics)")
def module_fit(c):
    rng = c.rng
    x = V("data")
    x = mx.sym.Convolution(x, kernel=(3, 3), num_filter=4, name="conv")
    x = mx.sym.BatchNorm(x, fix_gamma=False, momentum=0.5, name="bn")
    x = mx.sym.Activation(x, act_type="relu", name="relu")
    x = mx.sym.Pooling(x, kernel=(2, 2), stride=(2, 2), pool_type="max", name="pool")
    x = mx.sym.FullyConnected(mx.sym.Flatten(x), num_hidden=3, name="fc")
    s = mx.sym.SoftmaxOutput(x, name="softmax")
    train_x = rng.standard_normal((24, 2, 6, 6)).astype("float32")
    train_y = (train_x[:, 0].mean(axis=(1, 2)) > 0).astype("float32") + (train_x[:, 1, 0, 0] > 1)
    it = mx.io.NDArrayIter(train_x, train_y, batch_size=6, shuffle=False, label_name="softmax_label")
    mod = mx.mod.Module(s, data_names=["data"], label_names=["softmax_label"], context=mx.cpu())
    mx.random.seed(7)
    mod.fit(it, num_epoch=3, optimizer="sgd", optimizer_params={"learning_rate": 0.1, "momentum": 0.9},
            initializer=mx.init.Xavier(magnitude=2.0), eval_metric="acc")
    mod.save_checkpoint(common.prefix(c.dir), 0)
    common.write_inputs(c.dir, {"data": train_x[:4]})
    return c.record("mx.mod.Module.fit + Module.save_checkpoint", ["data"], labels=("softmax_label",))


# MARK: - Precision

@case("float16_model", "half-precision model: float16 data and parameters (Cast to float32 around Convolution and "
      "FullyConnected, which MXNet's CPU lacks in float16), BatchNorm with float32 statistics, float16 output")
def float16_model(c):
    x = V("data", dtype="float16")
    cw, fw = V("conv_weight", dtype="float16"), V("fc_weight", dtype="float16")
    y = mx.sym.Convolution(mx.sym.Cast(x, dtype="float32"), weight=mx.sym.Cast(cw, dtype="float32"),
                           kernel=(3, 3), pad=(1, 1), num_filter=4, no_bias=True, name="conv")
    y = mx.sym.Cast(y, dtype="float16", name="conv_half")
    y = mx.sym.BatchNorm(y, fix_gamma=False, name="bn")
    y = mx.sym.LeakyReLU(y, act_type="leaky", slope=0.1, name="lrelu")
    y = mx.sym.Pooling(y, kernel=(2, 2), stride=(2, 2), pool_type="avg", name="pool")
    y = mx.sym.broadcast_add(mx.sym.UpSampling(y, scale=2, sample_type="nearest", num_args=1, name="up"), x * 0.5)
    y = mx.sym.Flatten(y)
    y = mx.sym.FullyConnected(mx.sym.Cast(y, dtype="float32"), weight=mx.sym.Cast(fw, dtype="float32"),
                              num_hidden=5, no_bias=True, name="fc")
    y = mx.sym.softmax(mx.sym.Cast(y, dtype="float16"), axis=-1)
    inputs = {"data": c.normal(2, 1, 6, 6, dtype="float16")}
    args, aux = common.random_params(c.rng, y, inputs)
    for k in ("conv_weight", "fc_weight"):
        if args[k].dtype != np.float16:
            raise ValueError("%s is %s, expected float16" % (k, args[k].dtype))
    return c.symbolic(y, inputs, params=(args, aux), rtol=1e-2, atol=1e-3)


@case("float64_model", "double-precision model: Convolution, BatchNorm, Activation, Pooling, FullyConnected, "
      "LayerNorm, softmax in float64 (data Variable with dtype float64)")
def float64_model(c):
    x = V("data", dtype="float64")
    y = mx.sym.Convolution(x, kernel=(3, 3), num_filter=3, stride=(2, 2), name="conv")
    y = mx.sym.BatchNorm(y, fix_gamma=False, name="bn")
    y = mx.sym.Activation(y, act_type="tanh", name="tanh")
    y = mx.sym.Pooling(y, kernel=(2, 2), pool_type="max", name="pool")
    y = mx.sym.FullyConnected(y, num_hidden=6, name="fc")
    y = mx.sym.LayerNorm(y, name="ln")
    y = G([mx.sym.softmax(y, axis=-1), mx.sym.exp(y) * 2 - 1])
    return c.symbolic(y, {"data": c.normal(2, 2, 9, 9, dtype="float64")}, rtol=1e-10, atol=1e-12)


# MARK: - Graph features

@case("shape_dtype_hints", "Variables with __shape__ (0 = unknown), __dtype__, __lr_mult__, __init__ hints; "
      "weights whose shapes come from the hints", )
def hints(c):
    x = V("data", shape=(0, 6), dtype="float32")
    w = V("proj_weight", shape=(4, 6), lr_mult=2.0, wd_mult=0.0, init=mx.init.Normal(0.1))
    b = V("proj_bias", shape=(4,), init=mx.init.Zero())
    y = mx.sym.FullyConnected(x, weight=w, bias=b, num_hidden=4, name="proj")
    scale = V("scale", shape=(1, 4), dtype="float32")
    s = mx.sym.broadcast_mul(mx.sym.relu(y), scale, name="scaled")
    return c.symbolic(s, {"data": c.normal(3, 6)})


# MXNet's oneDNN subgraph pass fuses fc1+relu1 and then returns fc1's values for relu1_output (and feeds them to
# fc2); without the subgraph backend MXNet computes the graph as written, which is the expectation.
@case("internal_feature_heads", "heads taken from get_internals() (feature extractor): internal outputs, a "
      "variable and a repeated output as heads", env={"MXNET_SUBGRAPH_BACKEND": "NONE"})
def internal_heads(c):
    x = V("data")
    h = mx.sym.FullyConnected(x, num_hidden=5, name="fc1")
    r = mx.sym.Activation(h, act_type="relu", name="relu1")
    o = mx.sym.FullyConnected(r, num_hidden=2, name="fc2")
    net = mx.sym.SoftmaxOutput(o, name="softmax")
    internals = net.get_internals()
    s = G([internals["fc1_output"], internals["relu1_output"], internals["fc2_output"], internals["fc1_output"]])
    return c.symbolic(s, {"data": c.normal(3, 4)})


@case("shared_weights", "one weight and bias shared by two FullyConnected layers; an input used twice")
def shared_weights(c):
    x, w, b = V("data"), V("shared_weight"), V("shared_bias")
    h1 = mx.sym.FullyConnected(x, weight=w, bias=b, num_hidden=4, name="fc_a")
    h2 = mx.sym.FullyConnected(mx.sym.tanh(h1), weight=w, bias=b, num_hidden=4, name="fc_b")
    s = h2 + x
    return c.symbolic(s, {"data": c.normal(2, 4)})


@case("gluon_params_unprefixed", "exported JSON with parameters saved by ParameterDict.save (names without "
      "arg:/aux: prefixes), as gluon.SymbolBlock.imports accepts")
def unprefixed(c):
    net = nn.HybridSequential(prefix="plain_")
    with net.name_scope():
        net.add(nn.Dense(6, activation="relu"), nn.BatchNorm(), nn.Dense(3))
    inputs = {"data": c.normal(4, 5)}
    net.initialize()
    net(mx.nd.array(inputs["data"]))
    common.randomize_gluon(c.rng, net)
    common.export_gluon(c.dir, net, inputs)
    net.collect_params().save(common.prefix(c.dir) + "-0000.params")
    common.write_inputs(c.dir, inputs)
    return c.record("gluon.HybridBlock.export (symbol) + ParameterDict.save (params)", ["data"])
