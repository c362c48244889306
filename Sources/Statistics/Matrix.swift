// Statistics: placeholder, replaced in the next commit.
