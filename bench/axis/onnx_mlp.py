"""Exports a fitted scikit-learn MLPRegressor as one self-contained ONNX graph, and evaluates such a
graph in numpy to verify it.

The graph does everything the Java side would otherwise have to repeat: it standardises the raw
features, runs the network and maps each output column back to plain units, so ONNX Runtime sees
`features` float32 [N, F] in and `predictions` float32 [N, K] out. There is no ONNX runtime for
Debian's Python, hence the small numpy interpreter below: it walks the saved file's nodes, so a
wrong node, a wrong initializer or a wrong wiring shows up as a mismatch against scikit-learn.
"""

import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from scipy.special import expit

OPSET = 17
IR_VERSION = 8
PRODUCER = "proximadb-axis-train"
INPUT_NAME = "features"
OUTPUT_NAME = "predictions"

# Memory is trained as ln(bytes + MEMORY_OFFSET): the offset keeps indexes with no memory of their
# own (flat) finite in log space without letting a few bytes weigh like a few megabytes.
MEMORY_OFFSET = 1024.0

# The inverse transform of each output column, from the network's output to plain units.
OUTPUT_TRANSFORMS = {
    "identity": lambda z: z,
    "sigmoid": expit,
    "exp": np.exp,
    "exp_minus_1024_clamped": lambda z: np.maximum(np.exp(z) - MEMORY_OFFSET, 0.0),
}

# How far a graph output may sit from scikit-learn's, relative to |value| + this floor. A floor is
# needed where relative error means nothing: near zero for identity outputs, and for memory, whose
# exp(z) - 1024 cancels most digits of a float32 when the index holds little memory of its own.
_TOLERANCE_FLOOR = {
    "identity": 1.0,
    "sigmoid": 1e-3,
    "exp": 0.0,
    "exp_minus_1024_clamped": MEMORY_OFFSET,
}

_ACTIVATIONS = {"relu": "Relu", "tanh": "Tanh", "logistic": "Sigmoid", "identity": "Identity"}


def export_mlp(mlp, scaler, input_names, output_transforms, metadata, path, target_scaler=None):
    """Writes `mlp` (an MLPRegressor fitted on `scaler`-standardised inputs, and on
    `target_scaler`-standardised targets when given) as an ONNX model at `path`.

    `output_transforms` names, per output column, the map from the network's output to plain units
    (a key of OUTPUT_TRANSFORMS); `metadata` (str -> str) goes to the model's metadata_props.
    Returns the checked onnx.ModelProto."""
    weights, biases = _layers(mlp, target_scaler)
    _check_shapes(weights, scaler, input_names, output_transforms)
    initializers = [
        _float_tensor("input_mean", scaler.mean_),
        _float_tensor("input_scale", scaler.scale_),
    ]
    nodes = [
        helper.make_node("Sub", [INPUT_NAME, "input_mean"], ["centered"]),
        helper.make_node("Div", ["centered", "input_scale"], ["standardized"]),
    ]
    previous = "standardized"
    for i, (weight, bias) in enumerate(zip(weights, biases)):
        initializers += [_float_tensor(f"W{i}", weight), _float_tensor(f"B{i}", bias)]
        nodes.append(helper.make_node("Gemm", [previous, f"W{i}", f"B{i}"], [f"layer{i}"]))
        previous = f"layer{i}"
        if i < len(weights) - 1:
            activation = _ACTIVATIONS[mlp.activation]
            nodes.append(helper.make_node(activation, [previous], [f"hidden{i}"]))
            previous = f"hidden{i}"
    output_nodes, output_initializers = _output_nodes(previous, output_transforms)
    graph = helper.make_graph(
        nodes + output_nodes,
        "mlp",
        [helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, ["N", len(input_names)])],
        [helper.make_tensor_value_info(OUTPUT_NAME, TensorProto.FLOAT, ["N", len(output_transforms)])],
        initializers + output_initializers,
    )
    model = helper.make_model(
        graph, producer_name=PRODUCER, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    helper.set_model_props(model, metadata)
    onnx.checker.check_model(model, full_check=True)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    onnx.save(model, path)
    return model


def _layers(mlp, target_scaler):
    """The network's weights and biases, with the target standardisation folded into the last
    layer (y = z * scale + mean is linear), so the graph needs no extra nodes for it."""
    if mlp.out_activation_ != "identity":
        raise ValueError(f"only regressors export; output activation is {mlp.out_activation_}")
    weights = [np.asarray(w, dtype=np.float64) for w in mlp.coefs_]
    biases = [np.asarray(b, dtype=np.float64) for b in mlp.intercepts_]
    if target_scaler is not None:
        weights[-1] = weights[-1] * target_scaler.scale_
        biases[-1] = biases[-1] * target_scaler.scale_ + target_scaler.mean_
    return weights, biases


def _check_shapes(weights, scaler, input_names, output_transforms):
    if len(input_names) != weights[0].shape[0] or len(scaler.mean_) != weights[0].shape[0]:
        raise ValueError(
            f"{len(input_names)} input names and {len(scaler.mean_)} scaler columns "
            f"for a network of {weights[0].shape[0]} inputs")
    if len(output_transforms) != weights[-1].shape[1]:
        raise ValueError(
            f"{len(output_transforms)} output transforms for {weights[-1].shape[1]} outputs")
    unknown = [t for t in output_transforms if t not in OUTPUT_TRANSFORMS]
    if unknown:
        raise ValueError(f"unknown output transforms {unknown}; known: {sorted(OUTPUT_TRANSFORMS)}")


def _output_nodes(raw, transforms):
    """Nodes mapping the network's output `raw` [N, K] to OUTPUT_NAME, one transform per column."""
    if all(t == "identity" for t in transforms):
        return [helper.make_node("Identity", [raw], [OUTPUT_NAME])], []
    if len(transforms) == 1:
        return _transform_nodes(transforms[0], raw, OUTPUT_NAME, "out0")
    nodes, initializers = [], [_int_tensor("slice_axis", [1])]
    columns = []
    for j, transform in enumerate(transforms):
        initializers += [_int_tensor(f"slice_start{j}", [j]), _int_tensor(f"slice_end{j}", [j + 1])]
        nodes.append(helper.make_node(
            "Slice", [raw, f"slice_start{j}", f"slice_end{j}", "slice_axis"], [f"raw{j}"]))
        column_nodes, column_initializers = _transform_nodes(transform, f"raw{j}", f"out{j}", f"out{j}")
        nodes += column_nodes
        initializers += column_initializers
        columns.append(f"out{j}")
    nodes.append(helper.make_node("Concat", columns, [OUTPUT_NAME], axis=1))
    return nodes, initializers


def _transform_nodes(transform, source, target, prefix):
    """Nodes computing `target` = transform(`source`), and the constants they need."""
    if transform == "identity":
        return [helper.make_node("Identity", [source], [target])], []
    if transform == "sigmoid":
        return [helper.make_node("Sigmoid", [source], [target])], []
    if transform == "exp":
        return [helper.make_node("Exp", [source], [target])], []
    if transform == "exp_minus_1024_clamped":
        nodes = [
            helper.make_node("Exp", [source], [f"{prefix}_exp"]),
            helper.make_node("Sub", [f"{prefix}_exp", f"{prefix}_offset"], [f"{prefix}_shifted"]),
            helper.make_node("Max", [f"{prefix}_shifted", f"{prefix}_zero"], [target]),
        ]
        constants = [_float_tensor(f"{prefix}_offset", MEMORY_OFFSET), _float_tensor(f"{prefix}_zero", 0.0)]
        return nodes, constants
    raise ValueError(f"unknown output transform '{transform}'")


def _float_tensor(name, values):
    return numpy_helper.from_array(np.asarray(values, dtype=np.float32), name)


def _int_tensor(name, values):
    return numpy_helper.from_array(np.asarray(values, dtype=np.int64), name)


def apply_output_transforms(raw, transforms):
    """Plain units from the network's output [N, K] (float64), as the graph computes them."""
    raw = np.asarray(raw, dtype=np.float64).reshape(len(raw), len(transforms))
    return np.column_stack([OUTPUT_TRANSFORMS[t](raw[:, j]) for j, t in enumerate(transforms)])


def metadata(model):
    """The model's metadata_props as a dict."""
    return {prop.key: prop.value for prop in model.metadata_props}


def evaluate(model, features):
    """Runs the graph of `model` on `features` [N, F] in float32 numpy, node by node."""
    values = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    values[model.graph.input[0].name] = np.asarray(features, dtype=np.float32)
    for node in model.graph.node:
        operation = _NUMPY_OPS.get(node.op_type)
        if operation is None:
            raise ValueError(f"the numpy evaluator has no {node.op_type}")
        attributes = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        result = operation([values[name] for name in node.input], attributes)
        values[node.output[0]] = np.asarray(result, dtype=np.float32)
    return values[model.graph.output[0].name]


def _gemm(inputs, attributes):
    a, b = inputs[0], inputs[1]
    if attributes.get("transA", 0):
        a = a.T
    if attributes.get("transB", 0):
        b = b.T
    result = attributes.get("alpha", 1.0) * (a @ b)
    if len(inputs) > 2:
        result = result + attributes.get("beta", 1.0) * inputs[2]
    return result


def _slice(inputs, attributes):
    data, starts, ends = inputs[0], inputs[1], inputs[2]
    axes = inputs[3] if len(inputs) > 3 else range(len(starts))
    index = [slice(None)] * data.ndim
    for start, end, axis in zip(starts, ends, axes):
        index[int(axis)] = slice(int(start), int(end))
    return data[tuple(index)]


def _max(inputs, attributes):
    result = inputs[0]
    for other in inputs[1:]:
        result = np.maximum(result, other)
    return result


_NUMPY_OPS = {
    "Sub": lambda x, a: x[0] - x[1],
    "Div": lambda x, a: x[0] / x[1],
    "Gemm": _gemm,
    "Relu": lambda x, a: np.maximum(x[0], 0),
    "Tanh": lambda x, a: np.tanh(x[0]),
    "Sigmoid": lambda x, a: expit(x[0]),
    "Exp": lambda x, a: np.exp(x[0]),
    "Identity": lambda x, a: x[0],
    "Max": _max,
    "Slice": _slice,
    "Concat": lambda x, a: np.concatenate(x, axis=a["axis"]),
}


def verify_export(path, features, expected, transforms, rtol=1e-3):
    """Loads the ONNX file at `path`, checks it, evaluates it on `features` and raises
    AssertionError unless every output agrees with `expected` (plain units, from scikit-learn).
    Returns the loaded model."""
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    actual = evaluate(model, features)
    expected = np.asarray(expected, dtype=np.float64).reshape(actual.shape)
    for j, transform in enumerate(transforms):
        error = np.abs(actual[:, j] - expected[:, j])
        allowed = rtol * (np.abs(expected[:, j]) + _TOLERANCE_FLOOR[transform])
        worst = int(np.argmax(error - allowed))
        if error[worst] > allowed[worst]:
            raise AssertionError(
                f"{path}: output {j} ({transform}) of row {worst} is {actual[worst, j]!r} in the "
                f"graph but {expected[worst, j]!r} in scikit-learn (allowed difference {allowed[worst]:.3g})")
    return model
