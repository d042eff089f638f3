"""Build an ONNX graph of the e5-small encoder straight from its 4-bit weights.

Each Q4_0 matrix becomes either onnxruntime's ``DynamicQuantizeMatMul`` over the weights
re-quantized to int8 per output channel (``int8``, the default and fastest) or ``MatMulNBits``
over the shipped 4-bit blocks (``q4``: block 32, zero point 8 — the reference engine's arithmetic). Word embeddings stay outside the graph: the
rows a batch needs are dequantized in numpy, so the 250k × 384 table is never expanded in memory.

Graph inputs: ``embeddings`` float32 [batch, length, hidden] (word rows, already looked up) and
``mask`` float32 [batch, length] (1 = token, 0 = padding). Output: ``pooled`` float32
[batch, hidden], the masked mean of the last hidden states (not yet L2-normalised).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .e5_model_file import BLOCK, E5Weights, dequantize_rows, q4_nibbles, q4_scales

_MS = "com.microsoft"


def build_e5_graph(weights: E5Weights, precision: str = "int8") -> bytes:
    """``precision``: ``int8`` (weights re-quantized per channel, fastest) or ``q4`` (MatMulNBits,
    bit-for-bit the shipped 4-bit weights).

    Longer than 50 lines on purpose: it declares one ONNX graph from input to pooled output in
    order, with the two small node helpers closed over the lists they fill; split into pieces, the
    graph could no longer be read top to bottom against the model card's architecture."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    hidden, heads = weights.hidden, weights.heads
    head_dim = hidden // heads
    nodes: list[onnx.NodeProto] = []
    initializers: list[onnx.TensorProto] = []

    def const(name: str, array: np.ndarray) -> str:
        initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(op: str, inputs: list[str], output: str, domain: str = "", **attributes: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, domain=domain, **attributes))
        return output

    def linear(x: str, name: str, out: str) -> str:
        blocks = weights.q4(name + ".w")
        bias = const(name + ".b", weights.f32(name + ".b").copy())
        if precision == "int8":
            # per-output-channel int8 weights; activations quantized per batch (u8 x s8 on VNNI)
            dense = dequantize_rows(blocks).T  # [in, out]
            scale = np.maximum(np.abs(dense).max(axis=0), 1e-12) / 127.0
            quantized = np.clip(np.rint(dense / scale), -127, 127).astype(np.int8)
            return node(
                "DynamicQuantizeMatMul",
                [x, const(name + ".w", quantized), const(name + ".s", scale.astype(np.float32)), "", bias],
                out,
                domain=_MS,
            )
        rows, n_blocks = blocks.shape[0], blocks.shape[1]
        values = q4_nibbles(blocks)
        packed = (values[..., 0::2] | (values[..., 1::2] << 4)).astype(np.uint8)
        y = node(
            "MatMulNBits",
            [x, const(name + ".w", packed), const(name + ".s", q4_scales(blocks).reshape(-1))],
            out + ".mm",
            domain=_MS,
            K=n_blocks * BLOCK,
            N=rows,
            bits=4,
            block_size=BLOCK,
            accuracy_level=4,
        )
        return node("Add", [y, bias], out)

    def layer_norm(x: str, prefix: str, out: str) -> str:
        return node(
            "LayerNormalization",
            [
                x,
                const(prefix + ".w", weights.f32(prefix + ".w").copy()),
                const(prefix + ".b", weights.f32(prefix + ".b").copy()),
            ],
            out,
            axis=-1,
            epsilon=weights.eps,
        )

    # embeddings + position (from 0, as the packed file stores them) + token type 0, then LayerNorm
    length = node("Shape", ["embeddings"], "length", start=1, end=2)
    pos_table = (
        weights.f32("emb.pos").reshape(weights.max_positions, hidden) + weights.f32("emb.type")[:hidden]
    )
    pos = node(
        "Slice",
        [
            const("emb.pos", pos_table.astype(np.float32)),
            const("zero", np.array([0], np.int64)),
            length,
            const("axis0", np.array([0], np.int64)),
        ],
        "pos",
    )
    x = layer_norm(node("Add", ["embeddings", pos], "emb.sum"), "emb.ln", "h0")

    # additive attention bias [batch, 1, 1, length]: 0 for tokens, -1e4 for padding
    bias = node(
        "Mul",
        [
            node("Sub", ["mask", const("ones", np.array(1.0, np.float32))], "mask.inv"),
            const("big", np.array(1e4, np.float32)),
        ],
        "mask.bias",
    )
    bias = node("Unsqueeze", [bias, const("axes12", np.array([1, 2], np.int64))], "attn.bias")
    split_shape = const("split", np.array([0, 0, heads, head_dim], np.int64))
    merge_shape = const("merge", np.array([0, 0, hidden], np.int64))
    scale = const("scale", np.array(1.0 / np.sqrt(head_dim), np.float32))

    for index in range(weights.layers):
        p = f"l{index}"

        def heads_of(t: str, perm: list[int], p: str = p) -> str:
            return node("Transpose", [node("Reshape", [t, split_shape], t + ".r")], t + ".t", perm=perm)

        q = heads_of(linear(x, p + ".q", p + ".qo"), [0, 2, 1, 3])
        k = heads_of(linear(x, p + ".k", p + ".ko"), [0, 2, 3, 1])
        v = heads_of(linear(x, p + ".v", p + ".vo"), [0, 2, 1, 3])
        scores = node(
            "Add", [node("Mul", [node("MatMul", [q, k], p + ".qk"), scale], p + ".qks"), bias], p + ".logits"
        )
        probs = node("Softmax", [scores], p + ".probs", axis=-1)
        context = node("Transpose", [node("MatMul", [probs, v], p + ".ctx")], p + ".ctx.t", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, merge_shape], p + ".ctx.m")
        attended = linear(context, p + ".ao", p + ".att")
        x = layer_norm(node("Add", [x, attended], p + ".res1"), p + ".aln", p + ".h1")
        inner = node("Gelu", [linear(x, p + ".fi", p + ".fio")], p + ".gelu", domain=_MS)
        x = layer_norm(
            node("Add", [x, linear(inner, p + ".fo", p + ".foo")], p + ".res2"), p + ".oln", p + ".h2"
        )

    weights_3d = node("Unsqueeze", ["mask", const("axis2", np.array([2], np.int64))], "mask3")
    summed = node(
        "ReduceSum",
        [node("Mul", [x, weights_3d], "masked"), const("axis1", np.array([1], np.int64))],
        "summed",
        keepdims=0,
    )
    count = node("ReduceSum", ["mask", const("axis1b", np.array([1], np.int64))], "count", keepdims=1)
    node("Div", [summed, count], "pooled")

    graph = helper.make_graph(
        nodes,
        "e5_small_q4",
        [
            helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "length", hidden]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"]),
        ],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden])],
        initializers,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(_MS, 1)], ir_version=9
    )
    return bytes(model.SerializeToString())
