"""A float16 copy of a float32 model folder, written the way outside converters write one.

python3 make_float16.py SOURCE_MODEL_DIR OUT_DIR
Follows onnxconverter_common.float16.convert_float_to_float16(model, keep_io_types=False), the converter behind
Optimum's and onnxruntime.transformers' `--fp16` exports: every float32 initializer and Constant tensor is stored as
float16 (values clipped to float16's finite range, as the converter clips them), Cast-to-float32 becomes
Cast-to-float16, the float32 graph inputs and outputs (past key/values, logits, presents) are declared float16, and
the exporter's float32 value_info is dropped for ONNX Runtime to infer again. The other files of the folder
(tokenizer, config) are copied beside it. Prints `float16 <OUT_DIR>/model.onnx: <MiB> MiB (<n> tensors converted)`.
Needs Debian's python3-onnx (and numpy); nothing else, so it runs where the converter cannot be installed.
"""
import os, shutil, sys
import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

FLOAT16_MAX = 65504.0


def to_half(tensor):
    array = numpy_helper.to_array(tensor)
    half = np.clip(array, -FLOAT16_MAX, FLOAT16_MAX).astype(np.float16)
    return numpy_helper.from_array(half, tensor.name)


def convert_graph(graph, counter):
    for i, init in enumerate(graph.initializer):
        if init.data_type == TensorProto.FLOAT:
            graph.initializer[i].CopyFrom(to_half(init))
            counter[0] += 1
    for node in graph.node:
        for attr in node.attribute:
            if node.op_type == "Cast" and attr.name == "to" and attr.i == TensorProto.FLOAT:
                attr.i = TensorProto.FLOAT16
            if attr.type == onnx.AttributeProto.TENSOR and attr.t.data_type == TensorProto.FLOAT:
                attr.t.CopyFrom(to_half(attr.t))
                counter[0] += 1
            if attr.type == onnx.AttributeProto.GRAPH:  # If/Loop bodies
                convert_graph(attr.g, counter)
    for value in list(graph.input) + list(graph.output):
        if value.type.tensor_type.elem_type == TensorProto.FLOAT:
            value.type.tensor_type.elem_type = TensorProto.FLOAT16
    del graph.value_info[:]


source, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
model = onnx.load(os.path.join(source, "model.onnx"))
counter = [0]
convert_graph(model.graph, counter)
onnx.checker.check_model(model)
for name in os.listdir(source):
    if name != "model.onnx" and os.path.isfile(os.path.join(source, name)):
        shutil.copy(os.path.join(source, name), out)
path = os.path.join(out, "model.onnx")
onnx.save(model, path)
print(f"float16 {path}: {os.path.getsize(path) / 2**20:.1f} MiB ({counter[0]} tensors converted)")
