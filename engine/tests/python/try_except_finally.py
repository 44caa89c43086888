import asyncio


async def risky(n):
    await asyncio.sleep(0.1)
    if n == 0:
        raise ValueError("n must not be zero")
    return 10 / n


async def main():
    for n in [2, 0, 5]:
        try:
            value = await risky(n)
        except ValueError as e:
            print("caught:", e)
        except ZeroDivisionError:
            print("unreachable")
        else:
            print("value", value)
        finally:
            print("finally for", n)
    try:
        try:
            raise KeyError("inner")
        except KeyError as e:
            print("re-raising", repr(e))
            raise
    except LookupError as e:
        print("outer caught", type(e).__name__, e)
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise RuntimeError("wrapped") from e
    except RuntimeError as e:
        print(e, "caused by", type(e.__cause__).__name__)


asyncio.run(main())
