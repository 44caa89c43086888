import asyncio


async def square(n):
    await asyncio.sleep(0)
    return n * n


async def main():
    squares = [n * n for n in range(6) if n % 2 == 0]
    table = {n: n * n for n in range(4)}
    letters = {c for c in "banana"}
    pairs = [(i, j) for i in range(3) for j in range(i)]
    print(squares, table, sorted(letters), pairs)
    print(sum(x for x in range(5)), any(x > 3 for x in [1, 5]), all(x > 0 for x in [1, -1]))
    results = await asyncio.gather(*[square(i) for i in range(5)])
    print(results)
    nested = [[j for j in range(i)] for i in range(4)]
    print(nested)
    words = ["apple", "kiwi", "banana"]
    print([w.upper() for w in words if len(w) > 4], max(words, key=len))
    print(list(map(str, [1, 2])), list(filter(None, [0, 1, "", "a"])))


asyncio.run(main())
