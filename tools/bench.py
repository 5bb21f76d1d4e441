"""bench.py - run by tools/bench: newstag beside fastText (topics) and CRFsuite (entities).

Every system is measured on this machine, on the same splits and the same input; times are
medians of repeated runs (hyperfine), peak RSS from /usr/bin/time. Prints one table per
question and the ratios newstag / other.
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile

NT, B, RUNS, QUICK = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
MODEL = "models/newstag-ru.ntm"
LABELS = ["child_welfare", "digitalization", "green_skills", "neet"]
TMP = tempfile.mkdtemp(prefix="nt-bench-")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def median_s(cmd, runs=RUNS, shell_cmd=None):
    """Median wall time of a command (a shell string), by hyperfine."""
    out = os.path.join(TMP, "hf.json")
    run(["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(runs), "--export-json", out, cmd])
    return json.load(open(out))["results"][0]["median"]


def peak_rss_mb(cmd):
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", cmd + " >/dev/null 2>/dev/null"],
                       capture_output=True, text=True, check=True)
    return int(p.stderr.strip().splitlines()[-1]) / 1024


def load(split):
    return [json.loads(l) for l in open(f"{B}/corpus/{split}.jsonl", encoding="utf-8")]


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


# ---- inputs: the test split repeated (ids made unique) to about 1, 10 and 100 MB ----
test = load("test")
sizes = [1, 10] if QUICK else [1, 10, 100]
inputs = {}
for mb in sizes:
    path = os.path.join(TMP, f"in{mb}.jsonl")
    n = 0
    arts = 0
    with open(path, "w", encoding="utf-8") as f:
        while n < mb * 1_000_000:
            d = test[arts % len(test)]
            line = json.dumps({"id": f"{arts}-{d['id']}", "text": d["text"]}, ensure_ascii=False)
            f.write(line + "\n")
            n += len(line.encode()) + 1
            arts += 1
    inputs[mb] = (path, arts, os.path.getsize(path))


def nt_tokens(path):
    p = run([NT, "classify", "--threads", "1", "--stats", "--only", "topics", "--input", "jsonl", "--format",
             "jsonl", "--model", MODEL, path])
    return int(re.search(r"(\d+) tokens", p.stderr).group(1))


tokens = {mb: nt_tokens(inputs[mb][0]) for mb in sizes}

cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
print(f"machine: {os.cpu_count()} cores, {cpu}, {os.uname().sysname} {os.uname().release}; "
      f"one thread unless said; medians of {RUNS} runs")
print(f"input: the corpus test split ({len(test)} articles) repeated; "
      + ", ".join(f"{mb} MB = {inputs[mb][1]} articles, {tokens[mb]} tokens" for mb in sizes))

# ---- newstag ----
def nt_classify_cmd(path, only=None):
    extra = f"--only {only} " if only else ""
    return f"{NT} classify --threads 1 {extra}--input jsonl --format jsonl --model {MODEL} {path} >/dev/null"


def throughput(cmd, mb):
    t = median_s(cmd)
    path, arts, size = inputs[mb]
    return {"s": t, "articles": arts / t, "tokens": tokens[mb] / t, "mbs": size / 1e6 / t}


scaling = {mb: throughput(nt_classify_cmd(inputs[mb][0]), mb) for mb in sizes}
nt_both = scaling[10]
nt_topics = throughput(nt_classify_cmd(inputs[10][0], "topics"), 10)
nt_ents = throughput(nt_classify_cmd(inputs[10][0], "entities"), 10)
nt_rss = peak_rss_mb(nt_classify_cmd(inputs[10][0]))
empty = os.path.join(TMP, "empty.jsonl")
open(empty, "w").close()
def load_ms(only=None):
    """Median model load time (--stats) of classify on no input; --only loads that part alone."""
    loads = []
    for _ in range(max(RUNS, 5)):
        p = run([NT, "classify", "--stats", "--input", "jsonl", "--model", MODEL, empty]
                + (["--only", only] if only else []))
        loads.append(float(re.search(r"model load ([\d.]+) ms", p.stderr).group(1)))
    return sorted(loads)[len(loads) // 2]


nt_load, nt_load_topics, nt_load_ents = load_ms(), load_ms("topics"), load_ms("entities")
nt_size = os.path.getsize(MODEL)

ev = json.loads(run([NT, "eval", "--format", "json", "--model", MODEL, f"{B}/corpus/test.jsonl"]).stdout)
nt_topic_f1 = ev["topics"]["macro"]["f1"]
nt_ent_f1 = ev["entities"]["micro"]["f1"]

nt_train_model = os.path.join(TMP, "m.ntm")
train_cmd = (f"{NT} train --quiet --corpus {B}/corpus/train.jsonl --dev {B}/corpus/dev.jsonl "
             f"--gazetteers corpus/gazetteers --output {nt_train_model}")
p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "sh", "-c", train_cmd], capture_output=True, text=True, check=True)
nt_train_s, nt_train_rss = (float(x) for x in p.stderr.strip().splitlines()[-1].split())

# ---- fastText: the settings tools/compare-fasttext chose on dev ----
def ft_text(t):
    return " ".join(re.findall(r"\w+|[^\w\s]", t.lower()))


train = load("train")
with open(os.path.join(TMP, "ft_train.txt"), "w") as f:
    for d in train:
        labels = " ".join("__label__" + t for t in d["topics"]) or "__label__none"
        f.write(labels + " " + ft_text(d["text"]) + "\n")
with open(os.path.join(TMP, "ft_test.txt"), "w") as f:
    for d in test:
        f.write(ft_text(d["text"]) + "\n")
with open(os.path.join(TMP, "ft_in10.txt"), "w") as f:
    for l in open(inputs[10][0], encoding="utf-8"):
        f.write(ft_text(json.loads(l)["text"]) + "\n")
ft_model = os.path.join(TMP, "ft")
ft_train_cmd = (f"fasttext supervised -input {TMP}/ft_train.txt -output {ft_model} -loss ova -epoch 100 "
                f"-lr 1.0 -dim 50 -wordNgrams 1 -thread 1 -verbose 0")
p = subprocess.run(["/usr/bin/time", "-f", "%e", "sh", "-c", ft_train_cmd], capture_output=True, text=True, check=True)
ft_train_s = float(p.stderr.strip().splitlines()[-1])
pred = run(["fasttext", "predict-prob", ft_model + ".bin", f"{TMP}/ft_test.txt", "-1", "0.5"]).stdout.splitlines()
per = []
for lab in LABELS:
    tp = fp = fn = 0
    for d, line in zip(test, pred):
        got = lab in re.findall(r"__label__(\S+)", line)
        want = lab in d["topics"]
        tp += got and want
        fp += got and not want
        fn += want and not got
    per.append(f1(tp, fp, fn))
ft_f1 = sum(per) / len(per)
ft_cmd = f"fasttext predict-prob {ft_model}.bin {TMP}/ft_in10.txt -1 0.5 >/dev/null"
ft_t = median_s(ft_cmd)
ft = {"s": ft_t, "articles": inputs[10][1] / ft_t, "tokens": tokens[10] / ft_t, "mbs": inputs[10][2] / 1e6 / ft_t}
ft_rss = peak_rss_mb(ft_cmd)
one = os.path.join(TMP, "one.txt")
open(one, "w").write("\n")
ft_load = median_s(f"fasttext predict-prob {ft_model}.bin {one} -1 0.5 >/dev/null") * 1000
ft_size = os.path.getsize(ft_model + ".bin")

# ---- CRFsuite through tools/compare-crf ----
crf = None
try:
    out = run(["tools/compare-crf", B]).stdout
    crf = json.loads(out.split("BENCH ", 1)[1].splitlines()[0])
except Exception as e:  # no node/npm or no registry: say so
    print(f"CRFsuite: not measured ({e})")

# ---- tables ----
def row(name, task, acc, train_s, t, rss, size, load_ms):
    print(f"| {name} | {task} | {acc} | {train_s} | {t['articles']:,.0f} | {t['tokens']:,.0f} | {t['mbs']:.2f} | "
          f"{rss:.0f} | {size / 1e6:.1f} | {load_ms} |")


print()
print("| system | does | accuracy, corpus test split | training s | articles/s | tokens/s | MB/s | peak RSS MB "
      "| model MB | model load ms |")
print("|---|---|---|---|---|---|---|---|---|---|")
row("newstag", "topics + entities", f"topics macro-F1 {nt_topic_f1:.3f}; entities micro-F1 {nt_ent_f1:.3f}",
    f"{nt_train_s:.0f} (2 threads)", nt_both, nt_rss, nt_size, f"{nt_load:.1f}")
row("newstag --only topics", "topics", f"macro-F1 {nt_topic_f1:.3f}", "", nt_topics, nt_rss, nt_size,
    f"{nt_load_topics:.1f} (its part)")
row("fastText", "topics", f"macro-F1 {ft_f1:.3f}", f"{ft_train_s:.1f}", ft, ft_rss, ft_size, f"{ft_load:.1f} (with process start)")
row("newstag --only entities", "entities", f"micro-F1 {nt_ent_f1:.3f}", "", nt_ents, nt_rss, nt_size,
    f"{nt_load_ents:.1f} (its part)")
if crf:
    per, loc, org = crf["test_f1"]
    tag = crf["tps_features"]
    print(f"| CRFsuite (npm crfsuite) | entities | F1 PER {per:.3f}, LOC {loc:.3f}, ORG {org:.3f} | {crf['train_s']:.1f} | "
          f"| {tag:,.0f} (features + tag calls; {crf['tps_tag']:,.0f} tag calls only) | | {crf['rss_mb']:.0f} (node) | "
          f"{crf['model_bytes'] / 1e6:.1f} | {crf['load_ms']:.1f} |")

print()
print("ratios newstag / other (above 1: newstag is faster or larger):")
print(f"  topics, articles/s, newstag --only topics / fastText predict: {nt_topics['articles'] / ft['articles']:.2f}")
print(f"  topics + entities, articles/s, newstag / fastText topics alone: {nt_both['articles'] / ft['articles']:.2f}")
print(f"  training time newstag (topics + entities, 2 threads) / fastText: {nt_train_s / ft_train_s:.1f}")
print(f"  peak RSS newstag / fastText: {nt_rss / ft_rss:.2f}; model size: {nt_size / ft_size:.2f}; "
      f"load: {nt_load / ft_load:.2f}")
if crf:
    print(f"  entities, tokens/s, newstag --only entities / CRFsuite features + tag calls: "
          f"{nt_ents['tokens'] / crf['tps_features']:.2f}; / tag calls only: {nt_ents['tokens'] / crf['tps_tag']:.2f}")
    print(f"  factRuEval-2016 (exact F1 PER, LOC, ORG): CRF {', '.join(f'{x:.3f}' for x in crf['fre_f1'] or [])}; "
          f"CRF ORG overlap {crf['fre_org_overlap'] or 0:.3f}")

print()
print("scaling, newstag topics + entities, one thread:")
for mb in sizes:
    t = scaling[mb]
    print(f"  {mb:>3} MB: {t['tokens']:,.0f} tokens/s, {t['articles']:,.0f} articles/s, {t['mbs']:.2f} MB/s")

if not QUICK:
    print()
    print("training time over parts of the train split (200%: every article twice, new ids):")
    print(run(["tools/train-curve", B, "25", "50", "100", "200"]).stdout.rstrip())
