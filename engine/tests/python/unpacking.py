import asyncio


async def pair(x):
    await asyncio.sleep(x / 10)
    return x, x * x


async def main():
    a, b = await asyncio.gather(pair(1), pair(2))
    print(a, b)
    (x1, y1), (x2, y2) = a, b
    print(x1 + x2, y1 + y2)
    first, *rest = [1, 2, 3, 4]
    *init, last = "abc"
    print(first, rest, init, last)
    p, q = 1, 2
    p, q = q, p
    print(p, q)
    for i, (name, score) in enumerate([("ann", 3), ("bob", 5)], start=1):
        print(i, name, score)
    for n, sq in zip(range(3), [0, 1, 4]):
        print(n, sq)
    head, *_ = await pair(3)
    print(head)


asyncio.run(main())
