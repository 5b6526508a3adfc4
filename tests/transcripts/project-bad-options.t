# Wrong projection names and option values are refused with the valid choices.
gen: mktable t.txt 30 4 1
table: t.txt
status: 1
--- input
plot mds --ascii
plot umap --min-dist 2 --ascii
plot umap --init bogus --ascii
plot umap --neighbors 1 --ascii
plot tsne --metric manhattan --ascii
plot tsne --init spectral --ascii
plot tsne --near w1 lots --ascii
--- output
--- stderr
embx: stdin:1: plot: unknown projection 'mds': use pca, tsne, umap or axes
embx: stdin:2: plot: --min-dist 2 is larger than --spread 1
embx: stdin:3: plot: --init 'bogus': use spectral, pca or random
embx: stdin:4: plot: --neighbors
embx: stdin:5: plot: --metric 'manhattan': use cosine or euclidean
embx: stdin:6: plot: --init 'spectral': use pca or random
embx: stdin:7: plot: --near w1 lots: N must be a positive count
