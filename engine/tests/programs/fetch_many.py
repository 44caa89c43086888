import asyncio


async def main():
    pages = await asyncio.gather(fetch("a.example", 1), fetch("b.example", 0.5), fetch("c.example", 1.5))
    print(pages)
    page = await fetch("d.example", 0.2)
    print(page)


asyncio.run(main())
