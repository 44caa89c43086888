import asyncio


def early(n):
    try:
        if n > 0:
            return "positive"
        return "not positive"
    finally:
        print("finally runs before returning", n)


async def loop_with_finally():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
        await asyncio.sleep(0)


async def main():
    print(early(1), early(0))
    await loop_with_finally()
    for i in range(3):
        try:
            if i == 1:
                raise ValueError(i)
        except ValueError:
            print("skipping", i)
            continue
        print("kept", i)


asyncio.run(main())
