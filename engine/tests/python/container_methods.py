import asyncio


async def main():
    items = [3, 1, 2]
    items.append(5)
    items.extend([0, 4])
    items.insert(0, 9)
    print(items, items.pop(), items.pop(0), items)
    items.remove(2)
    items.sort()
    print(items, items.index(3), items.count(1))
    items.reverse()
    print(items, items.copy() == items, len(items))
    d = {"b": 2, "a": 1}
    d["c"] = 3
    print(d, d.get("z"), d.get("z", 0), list(d.keys()), list(d.values()))
    for key, value in d.items():
        print(key, value)
    print(d.pop("b"), d, d.setdefault("x", 7), d)
    d.update({"y": 8})
    print(sorted(d), "a" in d, "q" not in d)
    s = "  Hello, World  "
    print(s.strip(), s.lower(), s.upper().strip(), s.strip().split(", "))
    print("-".join(["a", "b", "c"]), "a,b,,c".split(","), "x".center(5, "*"))
    print("hello".replace("l", "L"), "hello".startswith("he"), "hello".endswith("x"))
    print("hello".find("l"), "hello".count("l"), "title case".title(), "42".zfill(5))
    seen = set()
    for x in [1, 2, 2, 3, 1]:
        seen.add(x)
    print(sorted(seen), len(seen), 2 in seen)
    await asyncio.sleep(0)


asyncio.run(main())
