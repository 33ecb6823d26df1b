import numpy as np, scipy.linalg as sl
# Why scikit-learn's standardize_poly2_ols_train test MSE (3405.0107) is numerical noise: see
# PipelineReferenceTest. Run from the repository root: python3 maas-core/src/test/resources/reference/diabetes_poly2_lstsq.py
# (numpy 2.4.6 and scipy 1.17.1 gave the values quoted in the test).
d = np.genfromtxt('maas-core/src/main/resources/io/maas/data/diabetes.csv', delimiter=',', skip_header=1)
X, y = d[:, :10], d[:, 10]
Xtr, ytr, Xte, yte = X[:354], y[:354], X[354:], y[354:]
mu, sd = Xtr.mean(0), Xtr.std(0)
def poly(Z):
    cols = [Z[:, i] for i in range(10)]
    for i in range(10):
        for j in range(i, 10):
            cols.append(Z[:, i] * Z[:, j])
    return np.column_stack(cols)
Ptr, Pte = poly((Xtr - mu) / sd), poly((Xte - mu) / sd)
pm, ym = Ptr.mean(0), ytr.mean()
for driver in ['gelsd', 'gelsy', 'gelss']:
    for cond in [None, 1e-10]:
        coef = sl.lstsq(Ptr - pm, ytr - ym, cond=cond, lapack_driver=driver)[0]
        b = ym - pm @ coef
        pred = Pte @ coef + b
        print(driver, cond, np.mean((yte - pred) ** 2), np.abs(coef).max())
coef = sl.lstsq(Ptr - pm, ytr - ym, cond=1e-10, lapack_driver='gelsd')[0]
pred = Pte @ coef + (ym - pm @ coef)
mse = np.mean((yte - pred) ** 2); r2 = 1 - np.sum((yte - pred) ** 2) / np.sum((yte - yte.mean()) ** 2)
print(repr(mse), repr(r2))
