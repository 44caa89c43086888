import asyncio


async def main():
    print("never runs")


asyncio.run(42)
