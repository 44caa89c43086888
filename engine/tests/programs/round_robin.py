import asyncio


async def spinner(name, turns):
    for i in range(turns):
        print(f"{name}{i}")
        await asyncio.sleep(0)
    return name


async def main():
    done = await asyncio.gather(spinner("x", 3), spinner("y", 2), spinner("z", 1))
    print(done)


asyncio.run(main())
