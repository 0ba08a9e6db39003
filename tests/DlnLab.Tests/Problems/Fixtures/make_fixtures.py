# Regenerates the .npy/.npz fixtures in this folder: /usr/bin/python3 make_fixtures.py (numpy 1.24 made the committed ones).
import numpy as np
from numpy.lib import format as fmt

base = np.array([[1.5, -2.25, 3.0], [4.0, 0.125, -6.5]])  # 2 x 3; every value exact in float16 and int8 casts below
ints = np.array([[1, -2, 3], [4, 0, -6]])
np.save("f8_c.npy", base)
np.save("f8_f.npy", np.asfortranarray(base))
np.save("f4_c.npy", base.astype("<f4"))
np.save("f4_f.npy", np.asfortranarray(base.astype("<f4")))
np.save("f2.npy", base.astype("<f2"))
np.save("f8_be.npy", base.astype(">f8"))
np.save("i8_c.npy", ints.astype("<i8"))
np.save("i8_f.npy", np.asfortranarray(ints.astype("<i8")))
np.save("i4.npy", ints.astype("<i4"))
np.save("i2.npy", ints.astype("<i2"))
np.save("i1.npy", ints.astype("i1"))
np.save("u1.npy", np.abs(ints).astype("u1"))
np.save("u8.npy", np.abs(ints).astype("<u8"))
np.save("b1.npy", ints != 0)
np.save("vec_f8.npy", np.array([0.1, -1e300, 5e-324, 2.0**53]))
np.save("scalar_f8.npy", np.array(2.5))
np.save("empty_f8.npy", np.zeros((0,)))
for version in [(1, 0), (2, 0), (3, 0)]:
    with open("f8_v%d.npy" % version[0], "wb") as f:
        fmt.write_array(f, base, version=version)
np.save("c16.npy", base.astype(complex))  # unsupported dtype
np.save("rank3.npy", np.zeros((2, 2, 2)))  # unsupported rank
np.save("nan.npy", np.array([[1.0, np.nan], [2.0, 3.0]]))
rng = np.random.default_rng(0)
X = rng.standard_normal((4, 3)); beta = np.array([1.0, 0.0, -2.0]); Xt = rng.standard_normal((2, 3))
np.savez("problem.npz", X=X, y=X @ beta, beta_star=beta, X_test=Xt, y_test=Xt @ beta)
np.savez_compressed("problem_compressed.npz", X=X, y=(X @ beta)[:, None], extra=np.arange(3))
