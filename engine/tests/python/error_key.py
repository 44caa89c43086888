import asyncio

prices = {"apple": 3}


async def main():
    print(prices["apple"])
    print(prices["pear"])


asyncio.run(main())
