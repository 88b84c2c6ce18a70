import os
import tempfile
import unittest

import server
import worker


class SettingsTests(unittest.TestCase):
    def setUp(self):
        fd, self.path = tempfile.mkstemp()
        with os.fdopen(fd, "w") as f:
            f.write("# comment\nPORT = 9000\nQUEUE=jobs\n")

    def tearDown(self):
        os.unlink(self.path)

    def test_port(self):
        self.assertEqual(server.port(self.path), 9000)

    def test_queue(self):
        self.assertEqual(worker.queue_name(self.path), "jobs")


if __name__ == "__main__":
    unittest.main()
