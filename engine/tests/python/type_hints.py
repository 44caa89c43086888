"""The book writes every function with type hints."""
import asyncio
from typing import List, Optional


async def add_one(number: int) -> int:
    return number + 1


async def delay(delay_seconds: int) -> int:
    print(f'sleeping for {delay_seconds} second(s)')
    await asyncio.sleep(delay_seconds)
    print(f'finished sleeping for {delay_seconds} second(s)')
    return delay_seconds


async def main() -> None:
    one_plus_one: int = await add_one(1)
    names: List[str] = ["a", "b"]
    maybe: Optional[int] = None
    print(one_plus_one, names, maybe)
    result: int = await delay(1)
    print(result)


asyncio.run(main())
