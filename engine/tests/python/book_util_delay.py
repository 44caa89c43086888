import asyncio
from util import delay


async def main():
    sleep_for_three = asyncio.create_task(delay(3))
    sleep_again = asyncio.create_task(delay(3))
    sleep_once_more = asyncio.create_task(delay(3))
    await sleep_for_three
    await sleep_again
    await sleep_once_more
    results = await asyncio.gather(delay(1), delay(2))
    print(results)


asyncio.run(main())
