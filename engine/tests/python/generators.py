def countdown(n):
    print("starting")
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


def squares(items):
    for x in items:
        print(f"squaring {x}")
        yield x * x


def chain(*iterables):
    for it in iterables:
        result = yield from it
        if result is not None:
            print("inner returned", result)
    return "done"


def echo():
    received = yield "ready"
    while received is not None:
        received = yield f"got {received}"


gen = countdown(3)
print(type(gen).__name__)
print(next(gen))
print(list(gen))
try:
    next(gen)
except StopIteration as e:
    print("stopped", e.value)

lazy = squares([1, 2, 3])
print("nothing squared yet")
for s in lazy:
    print("got", s)
    if s > 1:
        break

print(list(chain([1, 2], countdown(2), "ab")))
g = chain(countdown(1))
print(next(g), next(g, "end"))

e = echo()
print(next(e))
print(e.send("a"))
print(e.send("b"))
try:
    e.send(None)
except StopIteration:
    print("echo finished")

total = sum(x * x for x in range(5))
print(total, max(len(w) for w in ["a", "abc", "ab"]))
pairs = dict((w, len(w)) for w in ["x", "yy"])
print(pairs)
evens = (n for n in range(10) if n % 2 == 0)
print(next(evens), next(evens), list(evens))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
print([next(f) for _ in range(10)])
f.close()
print(next(f, "closed"))
print(sorted(squares([3, 1, 2])))
print(any(x > 2 for x in [1, 2, 3]), all(x > 0 for x in []))
