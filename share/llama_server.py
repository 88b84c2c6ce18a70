"""Runs llama.cpp's native HTTP server (from the xllamacpp wheel) until SIGTERM.

`assist local start` launches this file; it is the only Python in assist. Arguments are plain
flags so the Swift side never builds Python code. The server speaks OpenAI /v1/chat/completions
and Anthropic /v1/messages on http://HOST:PORT.
"""
import argparse
import signal
import sys
import threading


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True, help="path to a GGUF file")
    parser.add_argument("--alias", required=True, help="model id the server reports")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ctx", type=int, default=8192, help="total context, shared by slots")
    parser.add_argument("--slots", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--spec-mode", choices=["none", "ngram", "draft"], default="none",
        help="speculative decoding: n-gram lookup in the prompt, or a draft model")
    parser.add_argument("--draft-model", help="GGUF of the draft model (with --spec-mode draft)")
    parser.add_argument("--spec-n-max", type=int, help="most tokens drafted per step")
    parser.add_argument("--spec-n-min", type=int, help="fewest drafted tokens worth checking")
    parser.add_argument("--spec-p-min", type=float, help="draft model: least token probability")
    parser.add_argument("--ngram-size", type=int, help="n-gram lookup: tokens matched to draft")
    args = parser.parse_args()
    if args.spec_mode == "draft" and not args.draft_model:
        parser.error("--spec-mode draft needs --draft-model")

    import xllamacpp as xlc

    params = xlc.CommonParams()
    params.model.path = args.model
    params.model_alias = args.alias
    params.hostnames = [args.host]
    params.port = args.port
    params.n_ctx = args.ctx
    params.n_parallel = args.slots
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    params.endpoint_props = True
    params.endpoint_slots = True
    params.endpoint_metrics = True
    params.warmup = False
    configure_speculation(xlc, params, args)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server = xlc.Server(params)  # binds and serves on its own threads
    print(f"listening {server.listening_address}", flush=True)
    stop.wait()
    del server
    return 0


def configure_speculation(xlc, params, args) -> None:
    """Sets CommonParams.speculative from the --spec-* flags (xllamacpp's field names)."""
    kinds = xlc.common_speculative_type
    spec = params.speculative
    if args.spec_mode == "ngram":
        # Prompt lookup: drafts the tokens that followed the last n-gram where it occurred in
        # the context. Edit replies copy their input, so most drafts are accepted.
        spec.types = [kinds.COMMON_SPECULATIVE_TYPE_NGRAM_SIMPLE]
        if args.spec_n_max is not None:
            spec.ngram_simple.size_m = args.spec_n_max
        if args.ngram_size is not None:
            spec.ngram_simple.size_n = args.ngram_size
    elif args.spec_mode == "draft":
        spec.types = [kinds.COMMON_SPECULATIVE_TYPE_DRAFT_SIMPLE]
        spec.draft.mparams.path = args.draft_model
        spec.draft.cpuparams.n_threads = args.threads
        spec.draft.cpuparams_batch.n_threads = args.threads
        if args.spec_n_max is not None:
            spec.draft.n_max = args.spec_n_max
        if args.spec_n_min is not None:
            spec.draft.n_min = args.spec_n_min
        if args.spec_p_min is not None:
            spec.draft.p_min = args.spec_p_min


if __name__ == "__main__":
    sys.exit(main())
