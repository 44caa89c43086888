import asyncio


async def main():
    print(7 / 2, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1, -2 ** 2)
    print(0.1 + 0.2, 1 / 3, 10 / 5, 3 * 1.5, 1e3, 2.5e-5, 1e16, 123456789.0)
    print(round(2.5), round(3.5), round(1.2345, 2), round(7.0), abs(-3), abs(-2.5))
    print(1 < 2 < 3, 1 < 3 < 2, 2 == 2.0, "a" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2))
    print(0 or "default", "" or None, 3 and 4, 0 and 5, not 0, not "x")
    x = None
    print(x is None, x is not None, 3 if x else 4, "y" if x is None else "n")
    print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 4, 256 >> 2)
    print(divmod(17, 5), pow(2, 8), max(3, 9, 1), min([4, 2, 8]))
    print(int("42") + int(3.9), float("1.5") * 2, str(10) + "!", bool([]), bool([0]))
    print(10 // 3 * 3 + 10 % 3, (2 + 3) * 4, 2 + 3 * 4, -3 ** 2, (-3) ** 2)
    await asyncio.sleep(0)


asyncio.run(main())
