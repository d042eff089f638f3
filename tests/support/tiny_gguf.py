"""Write a tiny llama-architecture GGUF model with random weights (a few hundred KB), so a real
llama.cpp server can run in a test without downloading any model.

The vocabulary is SentencePiece-style: three control tokens, the 256 byte tokens (any text, Korean
included, falls back to bytes) and a handful of pieces. What it writes is noise; the test is of the
protocol, not of the prose.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

N_EMBD, N_HEAD, N_FF, N_LAYER, N_CTX = 32, 4, 64, 1, 512


def write_tiny_llama(path: Path, seed: int = 0) -> Path:
    import gguf

    pieces = ["▁", "▁민원", "▁처리", "다", "니다", "."]
    tokens = ["<unk>", "<s>", "</s>"] + [f"<0x{i:02X}>" for i in range(256)] + pieces
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
    types += [gguf.TokenType.BYTE] * 256 + [gguf.TokenType.NORMAL] * len(pieces)
    scores = [0.0] * (3 + 256) + [-float(i) for i in range(len(pieces))]
    vocab = len(tokens)
    rng = np.random.default_rng(seed)

    def weight(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("biseo-test-tiny")
    writer.add_context_length(N_CTX)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYER)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD)
    writer.add_rope_dimension_count(N_EMBD // N_HEAD)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_chat_template(
        "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}<|assistant|>"
    )
    writer.add_tensor("token_embd.weight", weight(vocab, N_EMBD))
    writer.add_tensor("output_norm.weight", np.ones(N_EMBD, np.float32))
    writer.add_tensor("output.weight", weight(vocab, N_EMBD))
    for layer in range(N_LAYER):
        p = f"blk.{layer}"
        writer.add_tensor(f"{p}.attn_norm.weight", np.ones(N_EMBD, np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(f"{p}.{name}.weight", weight(N_EMBD, N_EMBD))
        writer.add_tensor(f"{p}.ffn_norm.weight", np.ones(N_EMBD, np.float32))
        writer.add_tensor(f"{p}.ffn_gate.weight", weight(N_FF, N_EMBD))
        writer.add_tensor(f"{p}.ffn_up.weight", weight(N_FF, N_EMBD))
        writer.add_tensor(f"{p}.ffn_down.weight", weight(N_EMBD, N_FF))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
