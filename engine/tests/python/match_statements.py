import asyncio


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Done:
    pass


def describe(value):
    match value:
        case None:
            return "nothing"
        case True | False as flag:
            return f"a flag: {flag}"
        case 0:
            return "zero"
        case -1 | -2:
            return "a small negative"
        case int(n) if n > 100:
            return f"a big int {n}"
        case int() | float():
            return f"a number {value}"
        case "quit" | "exit":
            return "leave"
        case str(text):
            return f"text {text!r}"
        case []:
            return "an empty list"
        case [x]:
            return f"one item {x}"
        case [first, *middle, last]:
            return f"from {first} to {last} via {middle}"
        case {"type": "job", "id": job_id, **rest}:
            return f"job {job_id}, also {sorted(rest)}"
        case {"type": kind}:
            return f"a message of type {kind}"
        case Point(0, 0):
            return "the origin"
        case Point(x, 0) | Point(0, x):
            return f"on an axis at {x}"
        case Point(x=px, y=py) if px == py:
            return f"on the diagonal at {px}"
        case Point():
            return "some point"
        case (a, b):
            return f"a pair {a}, {b}"
        case _:
            return f"something else: {type(value).__name__}"


for v in [None, True, 0, -2, 500, 7, 2.5, "quit", "hi", [], [1], [1, 2, 3, 4], (5, 6),
          {"type": "job", "id": 3, "a": 1, "b": 2}, {"type": "ping"}, Point(0, 0), Point(3, 0),
          Point(0, 4), Point(2, 2), Point(1, 5), Done()]:
    print(describe(v))


async def worker(queue):
    while True:
        match await queue.get():
            case ("add", a, b):
                print("sum", a + b)
            case ("sleep", seconds):
                await asyncio.sleep(seconds)
                print("slept", seconds)
            case Done():
                print("worker done")
                break
            case other:
                print("unknown", other)


async def main():
    queue = asyncio.Queue()
    for job in [("add", 1, 2), ("sleep", 0.1), ("mul", 3), Done()]:
        queue.put_nowait(job)
    await worker(queue)
    match = 5
    print(match * 2)


asyncio.run(main())
