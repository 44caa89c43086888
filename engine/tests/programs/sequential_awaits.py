import asyncio


async def step(name, seconds):
    print(f"{name} begins")
    await asyncio.sleep(seconds)
    print(f"{name} ends")
    return name


async def main():
    a = await step("a", 0.5)
    b = await step("b", 0.2)
    print(a, b)


asyncio.run(main())
