import asyncio


async def other():
    print("other")


async def main():
    asyncio.create_task(other())
    nothing = await asyncio.gather()
    print(f"gather of nothing: {nothing}")
    await asyncio.sleep(0)
    print("after a yield")


asyncio.run(main())
