# The exact minimiser of scikit-learn's L2 logistic objective on the breast-cancer reference split, by Newton's method
# in numpy, to compare with the scikit-learn 1.2.1 reference (whose lbfgs solver stops at its tolerance: the gradient
# of the objective at its coefficients is 3.8e-4, and they differ from the minimiser by up to 7.5e-4 relative).
# Run from the repository root:
#   python3 maas-core/src/test/resources/reference/breast_cancer_logistic_newton.py
# It writes maas-core/src/test/resources/reference/breast_cancer_logistic_exact.json (numpy 2.4.6 was used).
import json
import numpy as np

d = np.genfromtxt('maas-core/src/test/resources/data/breast_cancer.csv', delimiter=',', skip_header=1)
X, y = d[:, :30], d[:, 30]
Xtr, ytr, Xte, yte = X[:455], y[:455], X[455:], y[455:]
mu, sd = Xtr.mean(0), Xtr.std(0)
A = np.column_stack([np.ones(455), (Xtr - mu) / sd])
th = np.zeros(31)
C = 1.0
for it in range(100):
    s = 1 / (1 + np.exp(-(A @ th)))
    g = C * A.T @ (s - ytr)
    g[1:] += th[1:]
    H = C * (A.T * (s * (1 - s))) @ A
    H[1:, 1:] += np.eye(30)
    step = np.linalg.solve(H, -g)
    th += step
    if np.abs(step).max() < 1e-15:
        break
p = 1 / (1 + np.exp(-(np.column_stack([np.ones(len(yte)), (Xte - mu) / sd]) @ th)))
p = np.clip(p, 2.0 ** -52, 1 - 2.0 ** -52)
log_loss = -np.mean(yte * np.log(p) + (1 - yte) * np.log(1 - p))
out = {"intercept": th[0], "coef": list(th[1:]), "test_log_loss": log_loss, "newton_iterations": it + 1}
json.dump(out, open('maas-core/src/test/resources/reference/breast_cancer_logistic_exact.json', 'w'), indent=1)
print(json.dumps(out)[:200])
