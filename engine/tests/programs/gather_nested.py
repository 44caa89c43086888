import asyncio


async def leaf(name, seconds):
    await asyncio.sleep(seconds)
    print(f"leaf {name}")
    return name


async def branch(name):
    leaves = await asyncio.gather(leaf(name + "1", 0.4), leaf(name + "2", 0.2))
    print(f"branch {name} {leaves}")
    return leaves


async def main():
    tree = await asyncio.gather(branch("a"), branch("b"))
    print(tree)


asyncio.run(main())
