import asyncio


async def countdown(n: int) -> None:
    while n > 0:
        if n % 2 == 0:
            print(f"{n} is even")
        elif n == 3:
            print("three")
        else:
            print(f"{n} is odd")
        n -= 1
        await asyncio.sleep(0)
    else:
        print("liftoff")


async def main():
    await countdown(5)
    for i in range(10):
        if i == 2:
            continue
        if i > 4:
            break
        print("i =", i)
    else:
        print("never printed")
    for j in range(2):
        pass
    else:
        print("for-else runs when no break")
    k = 0
    while True:
        k += 1
        if k >= 3:
            break
    print("k", k)


asyncio.run(main())
