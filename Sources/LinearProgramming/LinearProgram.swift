// LinearProgramming: placeholder, replaced in the next commit.
