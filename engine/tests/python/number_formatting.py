import asyncio


async def main():
    values = [0.1, 1.5, 2.0, 1 / 3, 2 / 3, 100.0, 1e-5, 123456.789, 10 ** 16 / 3]
    for v in values:
        print(v, round(v, 2), f"{v:.3f}", f"{v:g}", str(v))
    print(3 * 0.1, 0.1 * 3, 1.1 + 2.2, 2 ** 0.5, 10 / 3)
    print(int(2.9), int(-2.9), float(7), 7 // 2.0, -0.0, 5 % 2.5)
    print(f"{12:>4}|{12:<4}|{12:^6}|{12:+}|{-12:05}|{3.5:06.2f}")


asyncio.run(main())
