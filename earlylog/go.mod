module earlylog

go 1.26
