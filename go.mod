module github.com/asynctrait/asynctrait

go 1.26
