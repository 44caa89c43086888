def reader(lines):
    print("open")
    try:
        for line in lines:
            yield line.strip()
    except ValueError as e:
        print("bad line:", e)
        yield "recovered"
    finally:
        print("closed")


r = reader([" a ", " b ", " c "])
print(next(r))
print(next(r))
r.close()
print(next(r, "no more"))

r = reader(["x"])
print(next(r))
print(r.throw(ValueError("broken")))
try:
    next(r)
except StopIteration:
    print("finished")

never = reader(["y"])
never.close()
print("never started, nothing printed")

try:
    reader(["z"]).throw(KeyError("k"))
except KeyError as e:
    print("thrown before start:", e)

