def test_create_then_get(glue, make_job):
    assert make_job("a")["Name"] == "a"
    assert glue.get_job(JobName="a")["Job"]["Name"] == "a"
